import type { StepSession } from './step-session.js';

/** How long changes are gathered before one look (a rolling upgrade changes many objects). */
const SETTLE_MS = 150;
/** Looks follow each other at least this many times their own length apart (a large cluster's
 * look is slow: changes then cost a bounded share of the time, not all of it). */
const PACE = 2;

/**
 * A step's looks that follow the cluster: the returned `changed` may be called for every change
 * seen (watch events); one look follows shortly after, never while the step's own change or
 * another look runs, and paced by how long the last look took. Ends when `signal` aborts.
 */
export function looksOnChange(s: StepSession<unknown, unknown>, signal: AbortSignal): () => void {
  let timer: NodeJS.Timeout | undefined;
  let looking = false;
  let pause = SETTLE_MS;
  const again = (): void => {
    timer = undefined;
    if (signal.aborted) return;
    if (s.working || looking) return void (timer = setTimeout(again, SETTLE_MS * 4));
    looking = true;
    const started = Date.now();
    void s
      .look()
      .catch(() => undefined)
      .finally(() => {
        looking = false;
        pause = Math.max(SETTLE_MS, PACE * (Date.now() - started));
      });
  };
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return () => {
    timer ??= setTimeout(again, pause);
  };
}
