import type { KubeConfig } from '@kubernetes/client-node';
import type { DrainOptions } from '../../../model/drain.js';
import type { StepJournal } from '../../../model/journal.js';
import { describeKubeError } from '../../../kube/errors.js';
import { isAbortError } from '../../../kube/request-options.js';
import { drainNode } from './drain-node.js';
import { FINAL_PHASES } from './progress.js';
import type { DrainProgress, NodeProgress } from './progress.js';

/** Timings of a drain; tests shorten them, the product uses kubectl's. */
export interface DrainTimings {
  /** Between eviction attempts a PDB refused (kubectl: 5 s). */
  retryMs: number;
  /** Between looks at a terminating pod (kubectl: 1 s). */
  pollMs: number;
  /** Evictions in flight at once on one node. */
  concurrency: number;
}

/** kubectl's timings, and ten evictions at a time. */
export const KUBECTL_TIMINGS: DrainTimings = { retryMs: 5000, pollMs: 1000, concurrency: 10 };

/** What a drain run needs. */
export interface RunDrainDeps {
  kc: KubeConfig;
  server: string;
  journal: StepJournal;
  dryRun: boolean;
  timings: DrainTimings;
  signal: AbortSignal;
  /** Called with a fresh snapshot whenever anything changed. */
  onProgress(progress: DrainProgress): void;
}

/**
 * Drains the nodes in batches of `options.batchSize` (nodes of a batch at the same time). Any
 * node that does not end drained stops the run: later nodes are not touched, and the stopped
 * node stays cordoned. Never throws for cluster answers; the outcome is in the progress.
 */
export async function runDrain(
  nodes: readonly string[],
  options: DrainOptions,
  d: RunDrainDeps,
): Promise<DrainProgress> {
  const progress: DrainProgress = {
    nodes: nodes.map((name) => ({ name, phase: 'queued', cordoned: false, pods: [], notes: [] })),
    finished: false,
  };
  const changed = () => d.onProgress(snapshot(progress));
  changed();
  const batch = Math.max(1, options.batchSize);
  for (let start = 0; start < progress.nodes.length && !progress.stopped; start += batch) {
    const group = progress.nodes.slice(start, start + batch);
    // The nodes of a batch are drained at once: they plan against one allowance per budget.
    const budget = new Map<string, number>();
    await Promise.all(group.map((node) => drainOne(node, options, budget, d, changed)));
    // A dry run goes on past a node budgets would hold up: every node is reported at once.
    const fine = (n: NodeProgress) =>
      n.phase === 'drained' || n.phase === 'checked' || (d.dryRun && n.phase === 'would-wait');
    const bad = group.find((n) => !fine(n));
    if (bad) progress.stopped = stopReason(bad);
  }
  progress.finished = true;
  await d.journal.note(
    'drain',
    progress.stopped ? `drain stopped: ${progress.stopped}` : 'drain finished',
    {
      nodes: progress.nodes.map((n) => ({
        node: n.name,
        phase: n.phase,
        cordoned: n.maybeCordoned ? 'unknown' : n.cordoned,
        ...(n.cordonedBefore ? { cordonedBefore: true } : {}),
      })),
    },
  );
  changed();
  return progress;
}

async function drainOne(
  node: NodeProgress,
  options: DrainOptions,
  budget: Map<string, number>,
  d: RunDrainDeps,
  changed: () => void,
): Promise<void> {
  try {
    await drainNode(node, { ...d, ...d.timings, options, changed, budget });
  } catch (error) {
    if (isAbortError(error)) {
      node.phase = 'aborted';
      node.notes.push(node.cordoned ? 'aborted; the node stays cordoned' : 'aborted');
    } else {
      node.phase = 'failed';
      node.notes.push(describeKubeError(error, d.server, `drain node ${node.name}`).message);
    }
    changed();
  }
  if (!FINAL_PHASES.has(node.phase)) node.phase = 'failed';
}

function stopReason(node: NodeProgress): string {
  switch (node.phase) {
    case 'cordon-failed':
      return `the cordon of ${node.name} failed, so nothing was evicted`;
    case 'cordon-unknown':
      return node.maybeCordoned
        ? `the cordon of ${node.name} was sent and its outcome is unknown (it may be cordoned), so nothing was evicted`
        : `the cordon of ${node.name} was sent without a clear answer (reading it again shows it cordoned), so nothing was evicted`;
    case 'aborted':
      return `aborted by the operator while draining ${node.name}`;
    case 'timed-out':
      return `${node.name} did not drain within its timeout`;
    case 'blocked':
      return `${node.name} has pods the chosen options do not allow to evict`;
    default:
      return `${node.name} could not be drained`;
  }
}

function snapshot(progress: DrainProgress): DrainProgress {
  return {
    ...progress,
    nodes: progress.nodes.map((n) => ({ ...n, pods: [...n.pods], notes: [...n.notes] })),
  };
}
