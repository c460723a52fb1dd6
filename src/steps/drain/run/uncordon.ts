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

/** What happened to one node: changed by us, already so, accepted as a dry run, or failed. */
export interface CordonOutcome {
  node: string;
  outcome: 'changed' | 'already' | 'dry-run' | 'failed';
  /** The result line shown to the operator. */
  line: string;
}

/** Uncordons nodes one by one, each journaled; one outcome per node. */
export function uncordonNodes(nodes: readonly string[], d: CordonDeps): Promise<CordonOutcome[]> {
  return setCordon(nodes, false, d);
}

/** Cordons nodes one by one (no pod is evicted), each journaled; one outcome per node. */
export function cordonNodes(nodes: readonly string[], d: CordonDeps): Promise<CordonOutcome[]> {
  return setCordon(nodes, true, d);
}

/** The nodes this run really changed (not dry runs, not nodes already so, not failures). */
export function changedNodes(outcomes: readonly CordonOutcome[]): string[] {
  return outcomes.filter((o) => o.outcome === 'changed').map((o) => o.node);
}

async function setCordon(
  nodes: readonly string[],
  on: boolean,
  d: CordonDeps,
): Promise<CordonOutcome[]> {
  const action = on ? 'cordon' : 'uncordon';
  const outcomes: CordonOutcome[] = [];
  for (const node of nodes) {
    try {
      // Read first: a node already as wanted (kubectl, or an earlier run) gets no write.
      const now = await readNode(d.kc, node, d.signal);
      if ((now.spec?.unschedulable === true) === on) {
        const line = `✔ ${node}: already ${action}ed (already in place; nothing sent)`;
        outcomes.push({ node, outcome: 'already', line });
        continue;
      }
      await d.journal.mutation(
        { step: 'drain', action, target: `node/${node}`, detail: { dryRun: d.dryRun } },
        () =>
          // In --dry-run the wire makes this a server-side dry run.
          setNodeUnschedulable(d.kc, node, on, d.signal ? { signal: d.signal } : {}),
      );
      outcomes.push(
        d.dryRun
          ? { node, outcome: 'dry-run', line: `✔ ${node}: ${action} accepted (dry run)` }
          : { node, outcome: 'changed', line: `✔ ${node} ${action}ed` },
      );
    } catch (error) {
      const why = describeKubeError(error, d.server, `${action} ${node}`).message;
      outcomes.push({ node, outcome: 'failed', line: `✖ ${node}: ${why}` });
    }
  }
  return outcomes;
}
