import type { KubeConfig } from '@kubernetes/client-node';
import type { StepJournal } from '../../../model/journal.js';
import { readNode, setNodeUnschedulable } from '../../../kube/cordon.js';
import { describeKubeError } from '../../../kube/errors.js';

/** What cordoning and uncordoning need: the cluster, the journal, the mode. */
export interface CordonDeps {
  kc: KubeConfig;
  server: string;
  journal: StepJournal;
  dryRun: boolean;
  signal?: AbortSignal;
}

/** Uncordons nodes one by one, each journaled; returns one result line per node. */
export function uncordonNodes(nodes: readonly string[], d: CordonDeps): Promise<string[]> {
  return setCordon(nodes, false, d);
}

/** Cordons nodes one by one (no pod is evicted), each journaled; one result line per node. */
export function cordonNodes(nodes: readonly string[], d: CordonDeps): Promise<string[]> {
  return setCordon(nodes, true, d);
}

async function setCordon(nodes: readonly string[], on: boolean, d: CordonDeps): Promise<string[]> {
  const action = on ? 'cordon' : 'uncordon';
  const lines: string[] = [];
  for (const node of nodes) {
    try {
      // Read first: a node already as wanted (kubectl, or an earlier run) gets no write.
      const now = await readNode(d.kc, node, d.signal);
      if ((now.spec?.unschedulable === true) === on) {
        lines.push(`✔ ${node}: already ${action}ed (already in place; nothing sent)`);
        continue;
      }
      await d.journal.mutation(
        { step: 'drain', action, target: `node/${node}`, detail: { dryRun: d.dryRun } },
        () =>
          // In --dry-run the wire makes this a server-side dry run.
          setNodeUnschedulable(d.kc, node, on, d.signal ? { signal: d.signal } : {}),
      );
      lines.push(d.dryRun ? `✔ ${node}: ${action} accepted (dry run)` : `✔ ${node} ${action}ed`);
    } catch (error) {
      lines.push(`✖ ${node}: ${describeKubeError(error, d.server, `${action} ${node}`).message}`);
    }
  }
  return lines;
}
