import type { KubeConfig } from '@kubernetes/client-node';
import type { StepJournal } from '../../../model/journal.js';
import { readNode, setNodeUnschedulable } from '../../../kube/cordon.js';
import { describeKubeError } from '../../../kube/errors.js';
import {
  settleUnknownWrite,
  stillUnknownWords,
  unansweredWords,
  lostWords,
} from '../../../kube/settle-unknown.js';
import { mayStillLand } from '../../../model/errors.js';
import { cordonSettlesAt } from '../left-cordoned.js';

/** What cordoning and uncordoning need: the cluster, the journal, the mode. */
export interface CordonDeps {
  kc: KubeConfig;
  server: string;
  journal: StepJournal;
  dryRun: boolean;
  signal?: AbortSignal;
}

/**
 * What happened to one node: changed by us, already so, accepted as a dry run, failed (refused,
 * or read back not in effect after its answer was lost), or `unknown`: sent and not settled by
 * reading the node again (the read failed, or the write got no answer in time and may still land).
 */
export interface CordonOutcome {
  node: string;
  outcome: 'changed' | 'already' | 'dry-run' | 'failed' | 'unknown';
  /** The result line shown to the operator. */
  line: string;
  /** An `unknown` cordon: from when a look showing the node schedulable settles it (epoch ms). */
  settlesAt?: number;
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
    let sentAt = Date.now();
    try {
      // Read first: a node already as wanted (kubectl, or an earlier run) gets no write.
      const now = await readNode(d.kc, node, d.signal);
      if ((now.spec?.unschedulable === true) === on) {
        const line = `✔ ${node}: already ${action}ed (already in place; nothing sent)`;
        outcomes.push({ node, outcome: 'already', line });
        continue;
      }
      sentAt = Date.now();
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
      const outcome = await afterFailure(error, node, on, d);
      outcomes.push(
        outcome.outcome === 'unknown'
          ? { ...outcome, settlesAt: cordonSettlesAt(error, sentAt) }
          : outcome,
      );
    }
  }
  return outcomes;
}

/** A write that failed: one whose answer was lost is settled by reading the node again. */
async function afterFailure(
  error: unknown,
  node: string,
  on: boolean,
  d: CordonDeps,
): Promise<CordonOutcome> {
  const action = on ? 'cordon' : 'uncordon';
  const settled = await settleUnknownWrite(error, d.server, `get node ${node}`, () =>
    readNode(d.kc, node, d.signal),
  );
  if (settled?.settled === false) {
    const line = `? ${stillUnknownWords(`${action} of ${node}`, `kubectl get node ${node}`, error)}`;
    return { node, outcome: 'unknown', line };
  }
  const state = on ? 'cordoned' : 'schedulable';
  const inEffect = settled && (settled.value.spec?.unschedulable === true) === on;
  if (settled && !inEffect && mayStillLand(error)) {
    // No answer in time: the API server may still apply it, so it is not failed.
    const was = on ? 'still schedulable' : 'still cordoned';
    const late = `the node may still become ${state}`;
    const words = unansweredWords(
      `${action} of ${node}`,
      `it ${was}`,
      late,
      `kubectl get node ${node}`,
      error,
    );
    return { node, outcome: 'unknown', line: `? ${words}` };
  }
  if (inEffect && !d.dryRun) {
    await d.journal.settled(error, 'ok', `node ${node} is ${state}`);
    const line = `✔ ${node} ${action}ed (${lostWords(error)}; reading the node again shows it ${action}ed)`;
    return { node, outcome: 'changed', line };
  }
  if (settled) await d.journal.settled(error, 'failed', `node ${node} is not ${state}`);
  const why = settled
    ? `the ${action} was sent and its answer lost; reading the node again shows it not ${action}ed`
    : describeKubeError(error, d.server, `${action} ${node}`).message;
  return { node, outcome: 'failed', line: `✖ ${node}: ${why}` };
}
