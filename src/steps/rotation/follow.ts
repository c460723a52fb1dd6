import type { KubeConfig } from '@kubernetes/client-node';
import type { LroPoller } from '../../azure/upgrade-ops.js';
import { isRestError } from '@azure/arm-containerservice';
import { unheardOutcome } from '../../azure/lro-outcome.js';
import { failureOf } from '../../target/failure.js';
import { UserError } from '../../model/errors.js';
import { watchFailureOf, type WatchFailure } from '../../kube/watch-failure.js';
import { RETRYING_SHOWN_AFTER } from '../lifecycle/not-following.js';
import { estimated } from './estimate.js';
import { armFailureOf, type ArmFailure } from './explain.js';
import {
  finish,
  observe,
  startRotation,
  type AksDrainRules,
  type Rotation,
  type RotationTarget,
} from './state.js';
import { snapshotPool } from './snapshot.js';

/** How an operation ended, from this program's side. */
export type Ending =
  | { kind: 'succeeded' }
  | { kind: 'failed'; failure: ArmFailure }
  | { kind: 'left-running' }
  /**
   * ARM's answer never came (the network, a time limit, a failing status endpoint): whether the
   * operation runs, ended or never started is unknown. `accepted`: ARM had accepted the request.
   */
  | { kind: 'unknown'; accepted: boolean; cause: unknown };

/**
 * How a poller's failure ends the follow: AKS's own answer, an unknown outcome (see
 * `unheardOutcome`), or a refusal on this side before Azure answered anything (a credential, a
 * certificate, the wire guard): not sent, said in the shared words, never as "AKS said".
 */
export function endingOfFailure(error: unknown, poller: LroPoller): Ending {
  const unheard = unheardOutcome(error, poller.operationState);
  if (unheard) return { kind: 'unknown', accepted: unheard.accepted, cause: error };
  const answered = isRestError(error) && error.statusCode !== undefined;
  if (poller.operationState === undefined && !answered) {
    const { kind, line } = failureOf(error, undefined, 'send it');
    return {
      kind: 'failed',
      failure: { code: kind, message: line, unanswered: true, notSent: true },
    };
  }
  return { kind: 'failed', failure: armFailureOf(error) };
}

/**
 * How a follow the session stopped ends: running in Azure once ARM accepted the request, else
 * unknown (stopped before ARM answered, so Azure may or may not have accepted it).
 */
function stoppedEnding(poller: LroPoller): Ending {
  if (poller.operationState !== undefined) return { kind: 'left-running' };
  const cause = new UserError('this session stopped before Azure answered');
  return { kind: 'unknown', accepted: false, cause };
}

/** What to follow: the poller of one pool's operation and the nodes that move with it. */
export interface FollowRequest {
  kc: KubeConfig;
  /** The pool whose nodes rotate; undefined for a control-plane-only operation. */
  pool?: string;
  what: string;
  target: RotationTarget;
  /** The pool's drain timeout and undrainable-node behaviour (for the stall countdown). */
  drain?: AksDrainRules;
  start: (signal: AbortSignal) => LroPoller;
  onUpdate: (r: Rotation) => void;
  signal: AbortSignal;
  /** Wall-clock interval between node polls. */
  pollMs?: number;
  now?: () => number;
  /**
   * The wait between two node polls, `ms` long (default: a timer). Every turn of the poll loop
   * waits once, so a test counts turns here instead of waiting out a window of time.
   */
  wait?: (ms: number) => Promise<void>;
}

/** A timer of `ms`. */
function timer(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Sends the operation, then polls the pool's nodes until the poller settles, folding each poll
 * into the rotation picture. An abort only stops watching: the ARM operation goes on server-side.
 */
export async function followOperation(
  req: FollowRequest,
): Promise<{ ending: Ending; rotation: Rotation }> {
  const now = req.now ?? Date.now;
  const snap = async () => (req.pool ? snapshotPool(req.kc, req.pool) : []);
  // Every picture goes out with its estimate (time left, stalls) as of that poll.
  const update = (r: Rotation) => req.onUpdate(estimated(r));
  let rotation = startRotation(req.pool ?? '', req.what, req.target, await snap(), now());
  if (req.drain) rotation = { ...rotation, drain: req.drain };
  update(rotation);
  let settled = false;
  // An abort during the first snapshot: the request is not sent (@azure/core-lro sends it as the
  // poller is built, so this is the last moment to hold it back).
  if (req.signal.aborted) throw new Error('interrupted before it was sent');
  const poller = req.start(req.signal);
  const outcome = poller.pollUntilDone({ abortSignal: req.signal }).then(
    (): Ending => ({ kind: 'succeeded' }),
    (error: unknown): Ending =>
      req.signal.aborted ? stoppedEnding(poller) : endingOfFailure(error, poller),
  );
  void outcome.then(() => (settled = true));
  const pause = req.pollMs ?? 1000;
  const wait = req.wait ?? timer;
  // Node reads failed in a row; a refused one (401, 403...) is not asked again: the same request
  // would get the same answer every second until the operation ends, and the picture says so.
  let failures = 0;
  let refused = false;
  while (!settled && !req.signal.aborted) {
    if (!refused) {
      try {
        const { nodesUnread: _was, ...seen } = observe(rotation, await snap(), now());
        rotation = seen;
        failures = 0;
        update(rotation);
      } catch (error) {
        // A failed node poll must not end following the operation: the operation is what matters.
        const failure = watchFailureOf(error);
        failures++;
        refused = failure.final;
        if (refused || failures >= RETRYING_SHOWN_AFTER) {
          rotation = { ...rotation, now: now(), nodesUnread: nodesUnreadOf(failure) };
          update(rotation);
        }
      }
    }
    await Promise.race([outcome, wait(pause)]);
  }
  const ending = await outcome;
  if ((ending.kind === 'succeeded' || ending.kind === 'failed') && !refused) {
    try {
      const { nodesUnread: _was, ...seen } = observe(rotation, await snap(), now());
      rotation = seen;
    } catch {
      // The final picture is best effort; the ending is already known.
    }
  }
  rotation =
    ending.kind === 'succeeded'
      ? finish(rotation, 'succeeded', now())
      : ending.kind === 'failed'
        ? finish(rotation, /cancel/i.test(ending.failure.code) ? 'canceled' : 'failed', now(), {
            code: ending.failure.code,
            message: ending.failure.message,
          })
        : finish(rotation, ending.kind, now());
  rotation = estimated(rotation);
  req.onUpdate(rotation);
  return { ending, rotation };
}

/** The picture's line when the pool's nodes are not read any more (refused) or keep failing. */
function nodesUnreadOf(failure: WatchFailure): { refused: boolean; line: string } {
  return failure.final
    ? {
        refused: true,
        line: `✖ Nodes not followed: reading them was refused (${failure.words}); the operation is still followed in Azure.`,
      }
    : {
        refused: false,
        line: `▲ Nodes not followed: reading them failed (${failure.words}); trying again.`,
      };
}
