import type { KubeConfig } from '@kubernetes/client-node';
import type { StepJournal } from '../../../model/journal.js';
import { setNodeUnschedulable } from '../../../kube/cordon.js';
import { describeKubeError } from '../../../kube/errors.js';

/** Uncordons nodes one by one, each journaled; returns one result line per node. */
export async function uncordonNodes(
  nodes: readonly string[],
  d: {
    kc: KubeConfig;
    server: string;
    journal: StepJournal;
    dryRun: boolean;
    signal?: AbortSignal;
  },
): Promise<string[]> {
  const lines: string[] = [];
  for (const node of nodes) {
    try {
      await d.journal.mutation(
        { step: 'drain', action: 'uncordon', target: `node/${node}`, detail: { dryRun: d.dryRun } },
        () =>
          // In --dry-run the wire makes this a server-side dry run.
          setNodeUnschedulable(d.kc, node, false, d.signal ? { signal: d.signal } : {}),
      );
      lines.push(d.dryRun ? `✔ ${node}: uncordon accepted (dry run)` : `✔ ${node} uncordoned`);
    } catch (error) {
      lines.push(`✖ ${node}: ${describeKubeError(error, d.server, `uncordon ${node}`).message}`);
    }
  }
  return lines;
}
