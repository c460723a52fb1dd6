import { postAbort, type LroTiming } from '../../azure/upgrade-ops.js';
import type { ConfirmationRequest } from '../../model/session.js';
import type { StepContext } from '../contract/module.js';
import type { ViewItem } from '../contract/view.js';
import type { Change } from '../lifecycle/change.js';
import type { Ending } from './follow.js';
import { failureOf } from '../../target/failure.js';
import { explainAbortFailure, explainAbortUnheard, type AfterAbort } from './explain.js';
import { runOperation, type OperationRun } from './run-operation.js';

/** Where the operation stands after a refused abort, as the board read it from ARM. */
function afterAbort(board: StepContext<unknown>['operations'], read: boolean): AfterAbort {
  const op = board?.current;
  if (!read || !op) return { kind: 'unknown' };
  return board.ongoing
    ? { kind: 'running', what: op.what }
    : { kind: 'ended', what: op.what, state: op.armState };
}

/** Timing knobs of following an operation (tests run the simulator fast). */
export interface OperationTimings extends LroTiming {
  /** Wall-clock ms between node polls during an operation. */
  nodePollMs?: number;
}

/** The SDK poller's interval: the given one, else 2 s (Retry-After may override it). */
export function lroTiming(t: OperationTimings): LroTiming {
  return { updateIntervalInMs: t.updateIntervalInMs ?? 2000 };
}

/** The resource an operation runs on: the pool, or the cluster when none is named. */
function resourceOf(ctx: Pick<StepContext<unknown>, 'cluster'>, pool: string | undefined) {
  return pool
    ? { kind: 'pool' as const, name: pool }
    : { kind: 'cluster' as const, name: ctx.cluster };
}

/** How an operation ended, and how long it took (whole seconds). */
export interface OperationOutcome {
  ending: Ending;
  lines: string[];
  tookSeconds: number;
}

/** What the operator reads about one ARM operation before it is sent. */
export interface OperationWords {
  /** The request(s) as the operator should see them. */
  plan?: ViewItem[];
  confirm: ConfirmationRequest;
  /** The journal's words for its dry run: `PUT of pool system`. */
  dryRunWhat: string;
  dryRunDetail?: Record<string, unknown>;
  /** The result of a dry run, which shows and never sends. */
  dryRun: string[];
  /** Added after "Took N s." in the result. */
  afterwards?: string;
}

/** What the step does around it: hear how it ended, run it again after a failure. */
export interface OperationHooks {
  ended?(ending: Ending): void;
  again?: () => Promise<void>;
  /** See `Change.againNote`. */
  againNote?: () => string | undefined;
  /** An abort: it may start while another operation of the step is followed. */
  whileBusy?: true;
  /** What an abort is of, in words (`pool apps`), for saying what a refused abort left running. */
  abortOn?: string;
}

/**
 * One ARM operation (an upgrade, a node image upgrade, an abort) as a change: confirmed, sent
 * with its intent journaled, the pool's nodes followed live, the ending explained, and the
 * cluster read again. Upgrades and node-image both run their operations through this.
 */
export function operationChange<Facts>(
  ctx: Pick<StepContext<unknown>, 'id' | 'connection' | 'journal' | 'cluster' | 'operations'>,
  run: Omit<OperationRun, 'onUpdate'> & Partial<Pick<OperationRun, 'onUpdate'>>,
  words: OperationWords,
  hooks: OperationHooks = {},
): Change<OperationOutcome, Facts> {
  return {
    wire: 'arm',
    what: words.dryRunWhat,
    ...(words.plan ? { plan: words.plan } : {}),
    dryRun: words.dryRun,
    ...(words.dryRunDetail ? { dryRunDetail: words.dryRunDetail } : {}),
    confirm: words.confirm,
    cancelled: ['Cancelled: nothing was sent.'],
    // An abort only stops what runs: it goes on stale facts too.
    ...(hooks.whileBusy ? { whileBusy: true, stopsOnly: true } : {}),
    ...(hooks.again ? { again: hooks.again } : {}),
    ...(hooks.againNote ? { againNote: hooks.againNote } : {}),
    run: async (_progress, signal) => {
      const board = ctx.operations;
      const abort = hooks.whileBusy === true;
      // The board knows from the moment it is sent (abort and refusals of others follow at once),
      // and never hears of a request that failed before going out.
      const sent = () => {
        if (abort) board?.aborting(true);
        else board?.began(resourceOf(ctx, run.pool), run.what, ctx.id);
      };
      const started = Date.now();
      const onUpdate = run.onUpdate;
      let done: Awaited<ReturnType<typeof runOperation>>;
      try {
        done = await runOperation(
          ctx,
          {
            ...run,
            onSent: sent,
            onUpdate: (rotation) => {
              onUpdate?.(rotation);
              if (!abort) board?.rotated(rotation);
            },
          },
          signal,
        );
      } catch (error) {
        // Never left "running by this session" when the run itself threw.
        if (!abort) board?.ended({ kind: 'left-running' });
        throw error;
      }
      if (abort && done.sent && done.ending.kind === 'failed')
        board?.aborting(false, {
          code: done.ending.failure.code,
          message: done.ending.failure.message,
        });
      if (abort && done.ending.kind === 'unknown') board?.abortUnheard();
      if (!abort && done.sent) board?.ended(done.ending);
      hooks.ended?.(done.ending);
      // ARM is read again after every operation: what the board shows is ARM's word, not ours.
      const read = board
        ? await board.readArm().then(
            () => true,
            () => false,
          )
        : false;
      const on = hooks.abortOn ?? words.dryRunWhat;
      const lines =
        abort && done.sent && done.ending.kind === 'failed'
          ? explainAbortFailure(done.ending.failure, on, afterAbort(board, read))
          : abort && done.ending.kind === 'unknown'
            ? explainAbortUnheard(
                on,
                failureOf(done.ending.cause, ctx.connection, 'abort the operation').line,
                afterAbort(board, read),
              )
            : done.lines;
      return { ...done, lines, tookSeconds: Math.round((Date.now() - started) / 1000) };
    },
    done: (o, facts) => ({
      // `afterwards` speaks of the look after it: not said when that look failed.
      result: [...o.lines, `Took ${o.tookSeconds} s.${facts ? (words.afterwards ?? '') : ''}`],
      ...(o.ending.kind === 'succeeded' ? { changed: run.what } : {}),
      failed: o.ending.kind === 'failed',
    }),
  };
}

/**
 * The abort of the latest operation on a pool (or, with no pool, on the cluster). `stale`: why the
 * last look failed, when it did; the question then says the operation shown may not be the one
 * running now (Azure aborts whatever runs there).
 */
export function abortChange<Facts>(
  ctx: Pick<StepContext<unknown>, 'id' | 'connection' | 'journal' | 'cluster' | 'operations'>,
  pool: string | undefined,
  timing: LroTiming,
  hooks: Pick<OperationHooks, 'ended'> & { stale?: string | undefined } = {},
): Change<OperationOutcome, Facts> {
  const { stale, ...ending } = hooks;
  const arm = ctx.connection.arm!;
  const on = pool ? `pool ${pool}` : `cluster ${ctx.cluster}`;
  return operationChange(
    ctx,
    {
      intent: {
        step: ctx.id,
        action: 'abort latest operation',
        target: pool ? `agentPool/${pool}` : `managedCluster/${ctx.cluster}`,
      },
      what: `Abort on ${on}`,
      target: {},
      start: (abortSignal) => postAbort(arm.client, arm.at, pool, { ...timing, abortSignal }),
    },
    {
      confirm: {
        cluster: ctx.cluster,
        change:
          `Abort the running operation on ${on} (nodes already done stay done)` +
          (stale === undefined
            ? ''
            : `. What is shown is stale (the last look failed): this stops whatever runs on ${on} now, which may not be the operation shown`),
      },
      dryRunWhat: `abort of ${on}`,
      dryRun: [`Dry run: the abort of ${on} was not sent.`],
    },
    { ...ending, whileBusy: true, abortOn: on },
  );
}
