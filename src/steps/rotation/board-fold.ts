import { sameArmValue } from '../../checks/arm-enums.js';
import {
  isOngoing,
  type OperationPhase,
  type OperationResource,
  type RunningOperation,
} from '../../model/operation.js';
import { progressOf, type Rotation } from './state.js';

/** What one ARM read says about the cluster's and its pools' provisioning states. */
export interface ArmStates {
  cluster: { name: string; state: string };
  pools: Array<{ name: string; state: string }>;
}

/** ARM states that are no operation in progress. */
const SETTLED = ['Succeeded', 'Failed', 'Canceled'];

/** Whether a provisioningState means an operation runs on the resource (ARM enums: any case). */
export function runningState(state: string): boolean {
  return state.trim() !== '' && !SETTLED.some((settled) => sameArmValue(state, settled));
}

/** How a settled ARM state reads as the end of an operation. */
function endOf(state: string): OperationPhase {
  return sameArmValue(state, 'Failed')
    ? 'failed'
    : sameArmValue(state, 'Canceled')
      ? 'canceled'
      : 'succeeded';
}

/** The resource an ARM read shows busy: a pool first (AKS names the pool it works on), else the cluster. */
function busyIn(arm: ArmStates): { resource: OperationResource; state: string } | undefined {
  const pool = arm.pools.find((p) => runningState(p.state));
  if (pool) return { resource: { kind: 'pool', name: pool.name }, state: pool.state };
  if (runningState(arm.cluster.state))
    return { resource: { kind: 'cluster', name: arm.cluster.name }, state: arm.cluster.state };
  return undefined;
}

function stateOf(arm: ArmStates, r: OperationResource): string | undefined {
  return r.kind === 'cluster' ? arm.cluster.state : arm.pools.find((p) => p.name === r.name)?.state;
}

/** ARM's words for an operation seen running that this session did not start. */
function wordsOf(state: string, r: OperationResource): string {
  const on = r.kind === 'pool' ? `pool ${r.name}` : `cluster ${r.name}`;
  if (sameArmValue(state, 'UpgradingNodeImageVersion')) return `Node image upgrade of ${on}`;
  if (sameArmValue(state, 'Upgrading')) return `Upgrade of ${on}`;
  if (sameArmValue(state, 'Canceling')) return `Operation on ${on} (being canceled)`;
  return `${state} on ${on}`;
}

/**
 * Folds one ARM read into what is known: an operation this program follows keeps its words and
 * takes ARM's state; one seen running that nobody here started appears (started elsewhere); one
 * started elsewhere that ARM shows settled ends with ARM's state. Pure.
 */
export function foldArm(
  known: RunningOperation | undefined,
  arm: ArmStates,
  now: number,
): RunningOperation | undefined {
  if (known !== undefined && isOngoing(known)) {
    const state = stateOf(arm, known.resource);
    if (state === undefined) return known;
    if (runningState(state)) {
      const phase = sameArmValue(state, 'Canceling') ? 'canceling' : known.phase;
      return { ...known, armState: state, phase };
    }
    // This session's own follow says how its operation ended; ARM settled first is still the end.
    return { ...known, armState: state, phase: endOf(state), endedAt: now, nodes: [] };
  }
  // This session's operation whose answer was lost: ARM says whether it runs, or how it ended.
  if (known !== undefined && known.phase === 'unknown' && known.by === 'this session') {
    const state = stateOf(arm, known.resource);
    if (state !== undefined && runningState(state)) {
      const { unanswered: _heard, ...rest } = known;
      return {
        ...rest,
        armState: state,
        phase: sameArmValue(state, 'Canceling') ? 'canceling' : 'running',
      };
    }
    // Settled: its end, once ARM had accepted it; sent unanswered, it may never have run.
    if (state !== undefined && !known.unanswered)
      return { ...known, armState: state, phase: endOf(state), endedAt: now, nodes: [] };
  }
  const busy = busyIn(arm);
  if (!busy) {
    // ARM's word on how an operation just followed here ended wins over the poller's.
    const state = known && stateOf(arm, known.resource);
    if (known && known.phase === 'failed' && state && sameArmValue(state, 'Canceled'))
      return { ...known, phase: 'canceled', armState: state };
    return known;
  }
  return {
    resource: busy.resource,
    what: wordsOf(busy.state, busy.resource),
    since: now,
    sinceKnown: false,
    by: 'elsewhere',
    armState: busy.state,
    phase: sameArmValue(busy.state, 'Canceling') ? 'canceling' : 'running',
    nodes: [],
  };
}

/** The nodes a rotation is working on now, and how far it is. */
export function foldRotation(op: RunningOperation, r: Rotation): RunningOperation {
  const nodes = r.rows
    .filter((row) => ['cordoned', 'draining', 'drained', 'reimaging'].includes(row.phase))
    .map((row) => row.name);
  const { stall: _was, ...rest } = op;
  const stall = stallOfRotation(r);
  return { ...rest, nodes, done: progressOf(r), ...(stall ? { stall } : {}) };
}

/** The budgets a rotation's drains are stuck on, and the first of AKS's timeouts, if any. */
function stallOfRotation(r: Rotation): RunningOperation['stall'] {
  const stalls = (r.estimate?.stalls ?? []).filter((s) => s.budgets.length > 0);
  if (stalls.length === 0) return undefined;
  return {
    budgets: [...new Set(stalls.flatMap((s) => s.budgets))],
    givesUpAt: Math.min(...stalls.map((s) => r.now + s.givesUpInMs)),
  };
}

/**
 * Why AKS would refuse a new operation now (another one runs on the cluster or a pool), in words
 * for an unavailable action; undefined when nothing runs.
 */
export function refusalWhile(op: RunningOperation | undefined): string | undefined {
  if (!(op !== undefined && isOngoing(op))) return undefined;
  return `${op.what} is running; AKS refuses another operation until it ends (a aborts it)`;
}

/**
 * Why an operation on `pool` conflicts with the drain this session runs (AKS would cordon and
 * drain the same nodes under it), in words for an unavailable action; undefined when it does not.
 */
export function drainConflict(
  drain: { nodes: string[]; pools: string[] } | undefined,
  pool: string,
): string | undefined {
  if (!drain || !drain.pools.includes(pool)) return undefined;
  const one = drain.nodes.length === 1;
  return `the drain step is draining ${one ? `node ${drain.nodes[0]}` : `${drain.nodes.length} nodes`} of pool ${pool}; AKS would cordon and drain ${one ? 'it' : 'them'} as well: wait for the drain or abort it there (x)`;
}

/**
 * Why the drain step may not touch nodes of `pool` now: an AKS operation rotates that pool (it
 * cordons, drains and reimages them itself); undefined when nothing does.
 */
export function operationConflict(
  op: RunningOperation | undefined,
  pool: string,
): string | undefined {
  if (!(op !== undefined && isOngoing(op)) || op.resource.kind !== 'pool') return undefined;
  if (op.resource.name !== pool) return undefined;
  return `${op.what} is running: AKS cordons and drains the nodes of pool ${pool} itself`;
}
