import { ApiException } from '@kubernetes/client-node';
import { drainFindings, type DrainFacts } from '../../checks/drain/findings.js';
import type { DrainPod } from '../../model/drain.js';
import { kuredLockOf, toDrainNode, toDrainPdb, toDrainPod } from './facts.js';
import { daemonSetsOf, followPods, nodesOf, pdbsOf } from '../../kube/shared-reads.js';
import type { LeanPod } from '../../kube/lean-pod.js';
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
  // Each pod is placed on its node as its page arrives, not all at once after the last page.
  let podsByNode: Record<string, DrainPod[]> = {};
  const placeOnNodes = (page: readonly LeanPod[]): void => {
    for (const pod of page) {
      const node = pod.spec?.nodeName;
      if (node) (podsByNode[node] ??= []).push(toDrainPod(pod));
    }
  };
  const [nodes, pods, daemonSets, pdbs] = await Promise.all([
    readOrForbidden('list nodes', () => nodesOf(connection), forbidden),
    readOrForbidden('list pods', () => followPods(connection, placeOnNodes, ctx.signal), forbidden),
    readOrForbidden('list daemonsets', () => daemonSetsOf(connection, ctx.signal), forbidden),
    readOrForbidden('list poddisruptionbudgets', () => pdbsOf(connection, ctx.signal), forbidden),
  ]);
  // A refused list places no pod (a page may have come before the refusal of a later one).
  if (pods.length === 0) podsByNode = {};
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
