import type { KubeConfig } from '@kubernetes/client-node';
import { isRestError } from '@azure/arm-containerservice';
import type { LroPoller } from '../../azure/upgrade-ops.js';
import { kindOf, messageOf } from '../../model/errors.js';
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

/** The poller's last state said how the operation ended (failed or canceled are AKS's answers). */
const SETTLED = new Set(['succeeded', 'failed', 'canceled']);

/**
 * How a poller's failure ends the follow: AKS's own failure (its answer, with its words) or an
 * unknown outcome (no answer heard). Decided from the poller's state, the error's class and the
 * HTTP status, never from message text. Once ARM accepted the request, only a settled state
 * read from ARM is an answer: a poll request that failed (a RestError, or a failure stamped at
 * our boundary) says nothing of the operation, though the poller then marks its state failed
 * too. Before, only an HTTP status is an answer (a transport failure may have reached Azure).
 */
export function endingOfFailure(error: unknown, poller: LroPoller): Ending {
  const state = poller.operationState;
  if (state !== undefined) {
    const answered = SETTLED.has(state.status) && !isRestError(error) && !kindOf(error);
    return answered
      ? { kind: 'failed', failure: armFailureOf(error) }
      : { kind: 'unknown', accepted: true, cause: error };
  }
  return isRestError(error) && error.statusCode !== undefined
    ? { kind: 'failed', failure: armFailureOf(error) }
    : { kind: 'unknown', accepted: false, cause: error };
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
  start: () => LroPoller;
  onUpdate: (r: Rotation) => void;
  signal: AbortSignal;
  /** Wall-clock interval between node polls. */
  pollMs?: number;
  now?: () => number;
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
  const poller = req.start();
  const outcome = poller.pollUntilDone({ abortSignal: req.signal }).then(
    (): Ending => ({ kind: 'succeeded' }),
    (error: unknown): Ending =>
      req.signal.aborted ? { kind: 'left-running' } : endingOfFailure(error, poller),
  );
  void outcome.then(() => (settled = true));
  const pause = req.pollMs ?? 1000;
  while (!settled && !req.signal.aborted) {
    try {
      rotation = observe(rotation, await snap(), now());
      update(rotation);
    } catch (error) {
      // A failed node poll must not end the watch: the operation is what matters.
      rotation = { ...rotation, now: now(), error: { code: 'watch', message: messageOf(error) } };
    }
    await Promise.race([outcome, new Promise((r) => setTimeout(r, pause))]);
  }
  const ending = await outcome;
  if (ending.kind === 'succeeded' || ending.kind === 'failed') {
    try {
      rotation = observe(rotation, await snap(), now());
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
