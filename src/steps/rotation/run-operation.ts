import type { Intent } from '../../model/journal.js';
import { azProvisioningState } from '../../model/equivalent-commands.js';
import { OutcomeUnknown, unheardWhy } from '../../model/errors.js';
import { failureOf } from '../../target/failure.js';
import type { StepContext } from '../contract/module.js';
import { explainFailure, explainUnknown } from './explain.js';
import { followOperation, type Ending, type FollowRequest } from './follow.js';
import type { Rotation } from './state.js';

/** Thrown inside the journaled mutation so the journal records how the operation ended. */
class OperationEnded extends Error {
  constructor(message: string, name: string) {
    super(message);
    this.name = name;
  }
}

/** The request failed before it went out: the journal's result line says it was not sent. */
class NotSent extends Error {
  constructor(
    readonly original: unknown,
    line: string,
  ) {
    super(`not sent: ${line}`);
    this.name = 'NotSent';
  }
}

/** What one journaled ARM operation needs beyond the follow request. */
export interface OperationRun extends Omit<FollowRequest, 'signal' | 'kc'> {
  intent: Intent;
  /** Called as the request goes out (not at all when it fails before being sent). */
  onSent?: () => void;
}

/**
 * Runs one ARM operation: intent journaled before it is sent, the pool's nodes followed live, and
 * the ending (with AKS's code and message) journaled after. `signal` (quitting, or the step's
 * abort of its work) stops the watch only; the journal and the result say the operation goes on
 * in Azure.
 */
export async function runOperation(
  ctx: Pick<StepContext<unknown>, 'id' | 'connection' | 'journal'>,
  run: OperationRun,
  signal: AbortSignal,
): Promise<{ ending: Ending; sent: boolean; rotation?: Rotation; lines: string[] }> {
  let rotation: Rotation | undefined;
  let ending: Ending = { kind: 'left-running' };
  let sent = false;
  // How the follow ended, once known: a later journal failure must not replace it.
  let known = false;
  let unrecorded: unknown;
  try {
    await ctx.journal.mutation(run.intent, async () => {
      const followed = await followOperation({
        ...run,
        start: (signal) => {
          sent = true;
          run.onSent?.();
          return run.start(signal);
        },
        kc: ctx.connection.kc,
        signal,
        onUpdate: (r) => {
          rotation = r;
          run.onUpdate(r);
        },
      }).catch((error: unknown) => {
        if (sent) throw error;
        throw new NotSent(error, failureOf(error, ctx.connection, `send ${run.what}`).line);
      });
      ending = followed.ending;
      known = true;
      if (ending.kind === 'failed')
        throw new OperationEnded(
          `${ending.failure.code}: ${ending.failure.message}`,
          'OperationFailed',
        );
      // Not "failed", not "cancelled": nobody here knows how it ends.
      if (ending.kind === 'left-running')
        throw new OutcomeUnknown('stopped watching; the operation continues in Azure');
      if (ending.kind === 'unknown')
        throw new OutcomeUnknown(
          `outcome unknown: ${unheardWhy(ending.accepted, failureOf(ending.cause, ctx.connection, 'follow the operation').line)}`,
        );
    });
  } catch (error) {
    if (error instanceof OperationEnded || error instanceof OutcomeUnknown) {
      // The ending is already known.
    } else if (known) {
      // AKS's ending is known; only its journal line could not be written.
      unrecorded = error;
    } else {
      // Failed on this side (the pool's nodes unreadable, the journal unwritable): no AKS answer,
      // so said in the words of every failure line, never as "AKS said: fetch failed".
      const cause = error instanceof NotSent ? error.original : error;
      const failure = failureOf(cause, ctx.connection, `${sent ? 'follow' : 'send'} ${run.what}`);
      ending = {
        kind: 'failed',
        failure: {
          code: failure.kind,
          message: failure.line,
          unanswered: true,
          ...(sent ? {} : { notSent: true }),
        },
      };
    }
  }
  const final = ending as Ending;
  const notSent = final.kind === 'failed' && final.failure.notSent === true;
  await ctx.journal
    .note(
      ctx.id,
      `${run.intent.action} ${run.intent.target}: ${notSent ? 'not sent' : final.kind}`,
      {
        operationStatus: notSent
          ? 'NotSent'
          : final.kind === 'failed'
            ? final.failure.statusCode === 304
              ? 'NotModified'
              : 'Failed'
            : final.kind === 'succeeded'
              ? 'Succeeded'
              : final.kind === 'unknown'
                ? 'Unknown'
                : 'InProgress',
        ...(final.kind === 'failed'
          ? { code: final.failure.code, message: final.failure.message }
          : {}),
        ...(final.kind === 'unknown'
          ? {
              accepted: final.accepted,
              message: failureOf(final.cause, ctx.connection, 'follow the operation').line,
            }
          : {}),
      },
    )
    .catch((error: unknown) => (unrecorded ??= error));
  const journalLine =
    unrecorded === undefined
      ? []
      : [
          `⚠ The journal could not record how it ended: ${failureOf(unrecorded, ctx.connection, 'write the journal').line}`,
        ];
  const lines =
    final.kind === 'succeeded'
      ? [`✔ ${run.what} succeeded.`]
      : final.kind === 'failed'
        ? explainFailure(final.failure, run.what)
        : final.kind === 'unknown'
          ? explainUnknown(
              run.what,
              final.accepted,
              failureOf(final.cause, ctx.connection, 'follow the operation').line,
              ctx.connection.arm ? azProvisioningState(ctx.connection.arm.at, run.pool) : undefined,
            )
          : [
              `… ${run.what} is still running in Azure: leaving this screen does not stop it.`,
              'Open this step again to see it, or press a to abort it (abortLatestOperation).',
            ];
  return {
    ending: final,
    sent,
    ...(rotation ? { rotation } : {}),
    lines: [...lines, ...journalLine],
  };
}
