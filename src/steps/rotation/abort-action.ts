import { isOngoing, type RunningOperation } from '../../model/operation.js';
import type { StepAction } from '../lifecycle/definition.js';
import type { StepSession } from '../lifecycle/step-session.js';
import { refusalWhile, runningState } from './board-fold.js';
import { abortChange, lroTiming, type OperationTimings } from './operation-change.js';

/** What a step's look saw of provisioning states (the board knows better once it has read ARM). */
export interface RunningFacts {
  provisioningState?: string;
  pools: ReadonlyArray<{ name: string; provisioningState: string }>;
}

/** The operation a step's look saw running, as the board would show it (no board yet). */
function fromFacts(f: RunningFacts): { pool?: string; what: string } | undefined {
  const pool = f.pools.find((p) => runningState(p.provisioningState));
  if (pool) return { pool: pool.name, what: `${pool.provisioningState} on pool ${pool.name}` };
  if (f.provisioningState && runningState(f.provisioningState))
    return { what: `${f.provisioningState} on the cluster` };
  return undefined;
}

/** Why a new operation would be refused, from a look's facts (used before the board has read ARM). */
export function refusalFromFacts(f: RunningFacts): string | undefined {
  const seen = fromFacts(f);
  return seen
    ? `${seen.what} is running; AKS refuses another operation until it ends (a aborts it)`
    : undefined;
}

/** The operation to abort: the board's when it knows, else the one the look saw. */
function target(
  op: RunningOperation | undefined,
  known: boolean,
  f: RunningFacts,
): { pool?: string } | 'none' | 'sent' {
  if (!known) return fromFacts(f) ?? 'none';
  if (op === undefined || !isOngoing(op)) return 'none';
  if (op.abort === 'sent') return 'sent';
  return op.resource.kind === 'pool' ? { pool: op.resource.name } : {};
}

type Board = { current: RunningOperation | undefined; known: boolean } | undefined;

/** Why AKS would refuse a new operation now: the board's word once it knows, else the look's. */
export function refusalNow(board: Board, facts: RunningFacts): string | undefined {
  return board?.known ? refusalWhile(board.current) : refusalFromFacts(facts);
}

/**
 * `a`: abort the running operation, whoever started it, from the moment it is sent to its end;
 * confirmed, journaled, and followed until Azure has stopped it.
 */
export function abortAction<Facts, State>(
  s: StepSession<Facts, State>,
  facts: RunningFacts,
  t: OperationTimings,
  after?: (s: StepSession<Facts, State>) => void,
): StepAction<Facts, State> {
  const board = s.ctx.operations;
  const aim = target(board?.current, board?.known ?? false, facts);
  return {
    key: 'a',
    label: 'Abort the running operation',
    // A look failing while an operation runs must not take away the way to stop it.
    stopsOnly: true,
    unavailable:
      aim === 'none'
        ? 'nothing is running'
        : aim === 'sent'
          ? 'the abort was sent; Azure is stopping the operation'
          : undefined,
    run: async (run) => {
      if (aim === 'none' || aim === 'sent') return;
      await run.change(
        abortChange(run.ctx, aim.pool, lroTiming(t), {
          ...(after ? { ended: () => after(run) } : {}),
          stale: run.stale,
        }),
      );
    },
  };
}
