import { ApiException } from '@kubernetes/client-node';
import { drainFindings, type DrainFacts } from '../../checks/drain/findings.js';
import type { DrainPod } from '../../model/drain.js';
import { kuredLockOf, toDrainNode, toDrainPdb, toDrainPod } from './facts.js';
import { daemonSetsOf, nodesOf, pdbsOf, podsOf } from '../../kube/shared-reads.js';
import type { InspectContext, Inspection } from '../contract/module.js';
import { plural } from '../../model/plural.js';

/** A read that the API server may refuse: a 403 becomes "could not check", never an empty pass. */
async function readOrForbidden<T>(
  what: string,
  read: () => Promise<T[]>,
  forbidden: string[],
): Promise<T[]> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ApiException && error.code === 403) {
      forbidden.push(what);
      return [];
    }
    throw error;
  }
}

/** Looks at nodes, their pods, DaemonSets and PDBs; plans each node with the default options. */
export async function inspectDrain(ctx: InspectContext): Promise<Inspection<DrainFacts>> {
  const { connection } = ctx;
  const forbidden: string[] = [];
  const [nodes, pods, daemonSets, pdbs] = await Promise.all([
    readOrForbidden('list nodes', () => nodesOf(connection), forbidden),
    readOrForbidden('list pods', () => podsOf(connection, ctx.signal), forbidden),
    readOrForbidden('list daemonsets', () => daemonSetsOf(connection, ctx.signal), forbidden),
    readOrForbidden('list poddisruptionbudgets', () => pdbsOf(connection, ctx.signal), forbidden),
  ]);
  const podsByNode: Record<string, DrainPod[]> = {};
  for (const pod of pods) {
    const node = pod.spec?.nodeName;
    if (node) (podsByNode[node] ??= []).push(toDrainPod(pod));
  }
  const lock = kuredLockOf(daemonSets);
  const facts: DrainFacts = {
    nodes: nodes
      .map((n) => toDrainNode(n, podsByNode[n.metadata?.name ?? '']?.length ?? 0, lock))
      .sort((a, b) => a.name.localeCompare(b.name)),
    podsByNode,
    world: {
      daemonSets: new Set(daemonSets.map((d) => `${d.metadata?.namespace}/${d.metadata?.name}`)),
      pdbs: pdbs.map(toDrainPdb),
    },
    forbidden,
  };
  const cordoned = facts.nodes.filter((n) => !n.schedulable).length;
  const reboot = facts.nodes.filter((n) => n.rebootNeeded).length;
  return {
    facts,
    findings: drainFindings(facts),
    summary: [
      `${plural(facts.nodes.length, 'node')}, ${plural(pods.length, 'pod')}; ${cordoned} cordoned; ${reboot} waiting for a kured reboot.`,
    ],
  };
}
