import type { WatchHealth } from '../../model/watch-health.js';

/** Failures in a row before a watch being retried is said: one blip mends itself unseen. */
export const RETRYING_SHOWN_AFTER = 2;

/**
 * A view that follows the cluster through watches and no longer does: `refused` when a watch was
 * refused (nothing retries it; reading again does), else a watch went silent (lost: read again and
 * watched again) or fails and is being retried.
 * `lines` say what stopped, since when the view stands still, and what to do.
 */
export interface NotFollowing {
  refused: boolean;
  lines: string[];
}

/** `15:42:10 UTC`: when something was read. */
export function clockOf(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`;
}

/**
 * Whether a view relying on the watches in `health` (by kind followed) still follows the
 * cluster, and if not, what to tell the operator. `readAt` is when the view was last read in
 * full; `again` the key that reads it again (and starts refused watches again).
 */
export function notFollowing(
  health: readonly WatchHealth[],
  readAt: number,
  again: string,
): NotFollowing | undefined {
  const refused = health.filter((h): h is Refused => h.state === 'refused');
  const shown = `As read at ${clockOf(readAt)}`;
  if (refused.length > 0) {
    const first = refused[0]!;
    const doing = refused.map((h) => h.doing).join(', ');
    const advice =
      first.kind === 'forbidden'
        ? `${again} reads again; to follow, ask for the "watch" right.`
        : first.kind === 'unauthenticated'
          ? `Sign in again (az login), then ${again} reads again.`
          : first.kind === 'not-found'
            ? `The cluster does not serve it; ${again} reads again.`
            : `${again} reads again and tries to follow.`;
    return {
      refused: true,
      lines: [
        `✖ Not following the cluster: ${doing} was refused (${first.words}).`,
        `  ${shown}. ${advice}`,
      ],
    };
  }
  const lost = health.filter((h): h is Lost => h.state === 'lost');
  if (lost.length > 0) {
    const seconds = Math.round(lost[0]!.silentMs / 1000);
    return {
      refused: false,
      lines: [
        `▲ Watch lost: ${lost.map((h) => h.doing).join(', ')} sent nothing for ${seconds} s.`,
        `  Reading again, watching again. ${shown}; ${again} reads again.`,
      ],
    };
  }
  const failing = health.filter(
    (h): h is Retrying => h.state === 'retrying' && h.failures >= RETRYING_SHOWN_AFTER,
  );
  const first = failing[0];
  if (!first) return undefined;
  return {
    refused: false,
    lines: [
      `▲ Not following the cluster: ${failing.map((h) => h.doing).join(', ')} failed (${first.words}); trying again.`,
      `  ${shown}; ${again} reads again.`,
    ],
  };
}

type Refused = Extract<WatchHealth, { state: 'refused' }>;
type Retrying = Extract<WatchHealth, { state: 'retrying' }>;
type Lost = Extract<WatchHealth, { state: 'lost' }>;
