import { baseImageOf } from '../../checks/nodeimage/image-version.js';
/**
 * The live picture of a pool's nodes while AKS rotates them (upgrade or node image), built only
 * from what the Kubernetes API shows at each poll. Pure: snapshots in, a new picture out.
 */

/** Where one node is in the cycle, as far as the API server shows it. */
export type NodePhase =
  | 'waiting' // not touched yet
  | 'surge' // an extra node AKS added for the upgrade
  | 'cordoned' // unschedulable, drain not yet seen
  | 'draining' // unschedulable, pods still on it
  | 'drained' // unschedulable, no pods left to evict
  | 'reimaging' // the node object is gone: AKS is reimaging or replacing the VM
  | 'replaced' // back (or new) on the target version/image
  | 'removed' // a surge node taken away at the end
  | 'quarantined' // AKS kept it cordoned because it could not be drained
  | 'blocked' // the operation failed while this node was not done
  | 'unreached' // the operation failed or was aborted before it touched this node
  | 'current'; // already on the target when the operation started

/** One node as a poll sees it. */
export interface NodeSnapshot {
  name: string;
  unschedulable: boolean;
  image?: string;
  kubelet?: string;
  quarantined: boolean;
  /** Evictable pods still on it (only counted for cordoned nodes). */
  podsLeft?: number;
  /** A few of those pods, `namespace/name`. */
  waitingFor?: string[];
  /** PodDisruptionBudgets (`namespace/name`) refusing the eviction of pods still on it now. */
  blockedBy?: string[];
  /** Some of its pods' DaemonSets could not be read: pods of deleted ones are not counted. */
  daemonSetsUnread?: boolean;
}

/** What the pool's nodes should run when done (either or both). */
export interface RotationTarget {
  image?: string;
  kubelet?: string;
}

/** One node's row. */
export interface NodeRow {
  name: string;
  phase: NodePhase;
  surge: boolean;
  podsLeft?: number;
  waitingFor?: string[];
  /** Budgets refusing its pods' eviction at the last poll (`namespace/name`). */
  blockedBy?: string[];
  /** Some of its pods' DaemonSets could not be read: pods of deleted ones are not counted. */
  daemonSetsUnread?: boolean;
  /** When it was first seen cordoned during the operation: AKS's drain timeout runs from there. */
  drainingSince?: number;
  /** When it was first seen done (replaced): what the time-left estimate is made of. */
  doneAt?: number;
  /** Every phase this node went through, in order. */
  history: NodePhase[];
}

/** The operation's own status as the poller reports it. */
export type OperationPhase =
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'canceled'
  | 'left-running'
  /** ARM could not be heard: whether it still runs or how it ended is not known. */
  | 'unknown';

/** What AKS does with a node it cannot drain: the pool's `upgradeSettings` (AKS defaults when unset). */
export interface AksDrainRules {
  /** `drainTimeoutInMinutes`: how long AKS tries to drain one node (default 30). */
  drainTimeoutMinutes: number;
  /** `undrainableNodeBehavior` when the timeout runs out (default Schedule). */
  undrainable: 'Schedule' | 'Cordon';
  /** A simulated AKS's clock speed: its timeout runs out this many times sooner (absent: 1). */
  timeScale?: number;
}

/** A node AKS is draining, what holds it up, and how long until AKS's drain timeout. */
export interface Stall {
  node: string;
  /** Budgets refusing its pods' eviction (`namespace/name`); empty: pods are still terminating. */
  budgets: string[];
  /** Pods still on it (a few, `namespace/name`). */
  pods: string[];
  /** Until AKS gives up on this node, from when it was seen cordoned; 0 once passed. */
  givesUpInMs: number;
  /** What AKS does then, in words. */
  then: string;
}

/** What the screen shows besides the rows, derived from them (src/steps/rotation/estimate.ts). */
export interface RotationEstimate {
  elapsedMs: number;
  /** Time left from completed nodes; undefined: unknown (no node done yet) or ended. */
  remainingMs?: number;
  stalls: Stall[];
}

/** The whole picture. */
export interface Rotation {
  pool: string;
  what: string;
  target: RotationTarget;
  /** The pool's drain rules, when known (an upgrade or node image upgrade of a pool). */
  drain?: AksDrainRules;
  rows: NodeRow[];
  status: OperationPhase;
  startedAt: number;
  now: number;
  /** AKS's failure code and message, when it failed. */
  error?: { code: string; message: string };
  /**
   * Set while the nodes shown are not read any more: a node read refused (no more reads: what is
   * shown stands still) or failing again and again (read again each poll). `line` says which.
   */
  nodesUnread?: { refused: boolean; line: string };
  /** Time left and stalls as of `now` (set by whoever follows the operation). */
  estimate?: RotationEstimate;
}

function atTarget(n: NodeSnapshot, t: RotationTarget): boolean {
  return (
    // A SecurityPatch label is the target base with a patch on top: at the target too.
    (t.image === undefined || (n.image !== undefined && baseImageOf(n.image) === t.image)) &&
    (t.kubelet === undefined || n.kubelet === `v${t.kubelet}` || n.kubelet === t.kubelet)
  );
}

/** The picture before the operation starts. */
export function startRotation(
  pool: string,
  what: string,
  target: RotationTarget,
  nodes: readonly NodeSnapshot[],
  now: number,
): Rotation {
  const rows = nodes.map((n): NodeRow => {
    const phase: NodePhase = atTarget(n, target) ? 'current' : 'waiting';
    return { name: n.name, phase, surge: false, history: [phase] };
  });
  return { pool, what, target, rows, status: 'running', startedAt: now, now };
}

function move(row: NodeRow, phase: NodePhase, extra: Partial<NodeRow> = {}): NodeRow {
  const history = row.history.at(-1) === phase ? row.history : [...row.history, phase];
  return { ...row, ...extra, phase, history };
}

/** What a node seen in a poll now is. */
function phaseOf(row: NodeRow, n: NodeSnapshot, target: RotationTarget): NodePhase {
  if (n.quarantined) return 'quarantined';
  if (row.surge) return 'surge';
  if (atTarget(n, target)) return row.phase === 'current' ? 'current' : 'replaced';
  if (!n.unschedulable) return row.phase === 'waiting' ? 'waiting' : row.phase;
  if (n.podsLeft === undefined) return 'cordoned';
  return n.podsLeft > 0 ? 'draining' : 'drained';
}

/** Folds one poll into the picture. A node seen draining was cordoned first, and so on. */
export function observe(r: Rotation, nodes: readonly NodeSnapshot[], now: number): Rotation {
  const seen = new Map(nodes.map((n) => [n.name, n]));
  const rows = r.rows.map((row): NodeRow => {
    const n = seen.get(row.name);
    if (!n) {
      if (row.surge) return row.phase === 'removed' ? row : move(row, 'removed');
      if (row.phase === 'reimaging' || row.phase === 'current') return row;
      let next = row;
      if (next.phase === 'waiting' || next.phase === 'cordoned' || next.phase === 'draining') {
        // Gone without being seen empty: it was drained first (AKS deletes only drained nodes).
        if (next.phase === 'waiting') next = move(next, 'cordoned');
        next = move(next, 'drained', { podsLeft: 0 });
      }
      return move(next, 'reimaging', {
        podsLeft: undefined,
        waitingFor: undefined,
        blockedBy: undefined,
      });
    }
    const phase = phaseOf(row, n, r.target);
    let next = row;
    // Observed facts only: first poll that saw it cordoned (never before the operation began).
    if (n.unschedulable && next.drainingSince === undefined && !row.surge)
      next = { ...next, drainingSince: Math.max(now, r.startedAt) };
    if (phase === 'replaced' && next.doneAt === undefined) next = { ...next, doneAt: now };
    if ((phase === 'draining' || phase === 'drained') && row.phase === 'waiting')
      next = move(next, 'cordoned');
    if (phase === 'replaced' && row.phase !== 'reimaging' && row.phase !== 'replaced') {
      if (next.phase === 'waiting') next = move(next, 'cordoned');
      if (next.phase !== 'drained') next = move(next, 'drained');
      next = move(next, 'reimaging');
    }
    return move(next, phase, {
      podsLeft: n.podsLeft,
      waitingFor: n.waitingFor,
      blockedBy: n.blockedBy,
      daemonSetsUnread: n.daemonSetsUnread,
    });
  });
  const known = new Set(r.rows.map((row) => row.name));
  for (const n of nodes) {
    if (known.has(n.name)) continue;
    rows.push({ name: n.name, phase: 'surge', surge: true, history: ['surge'] });
  }
  return { ...r, rows, now };
}

/**
 * The operation ended. When it failed or was aborted, nodes it left half done are marked blocked
 * (unless quarantined) and nodes it never touched unreached: they will not be rotated now.
 */
export function finish(
  r: Rotation,
  status: OperationPhase,
  now: number,
  error?: { code: string; message: string },
): Rotation {
  const ended = status === 'failed' || status === 'canceled';
  const rows = ended
    ? r.rows.map((row) =>
        row.phase === 'waiting'
          ? move(row, 'unreached')
          : row.surge || ['replaced', 'current', 'quarantined'].includes(row.phase)
            ? row
            : move(row, 'blocked'),
      )
    : r.rows;
  return { ...r, rows, status, now, ...(error ? { error } : {}) };
}

/** Nodes done and nodes to do (surge nodes are not counted). */
export function progressOf(r: Rotation): { done: number; total: number } {
  const counted = r.rows.filter((row) => !row.surge && !row.history.includes('current'));
  return { done: counted.filter((row) => row.phase === 'replaced').length, total: counted.length };
}
