import { withinLookBound } from '../../model/look-bound.js';

/** Looking again, offered by the lifecycle on a stale step that has no such action of its own. */
export const LOOK_AGAIN = { key: 'l', label: 'Look again', looksAgain: true } as const;

/** The shortest bound of a look again (ms): a cluster that went away is said so within it. */
export const LOOK_AGAIN_MIN_MS = 5_000;
/** A look again may take this many times as long as the last look that worked. */
const LOOK_AGAIN_PACE = 3;

/**
 * Runs `work` (a look again, and what the step reads with it) within one time bound: at least
 * `LOOK_AGAIN_MIN_MS`, or a few times the last look that worked (`lastLookMs`: a large cluster's
 * look is slow). When it runs out, the look fails with one line saying what could not be reached.
 */
export function withinLookAgainBound<T>(lastLookMs: number, work: () => Promise<T>): Promise<T> {
  return withinLookBound(Math.max(LOOK_AGAIN_MIN_MS, LOOK_AGAIN_PACE * lastLookMs), work);
}
