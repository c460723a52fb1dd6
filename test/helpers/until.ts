// The one polling helper of the tests: wait for a condition on the timer queue, never a fixed
// sleep, and say what was awaited when it does not come.

/** How `until` polls: its deadline and the pause between looks. */
export interface UntilOptions {
  /** Give up after this many milliseconds (default 15 s: the machine may be busy). */
  ms?: number;
  /** Pause between looks, after letting pending I/O callbacks run (default 5 ms). */
  everyMs?: number;
}

/**
 * Polls `check` until it gives a value (anything but undefined or false), then returns it; fails
 * after the deadline naming `what` (a function is called then, e.g. to show the last frame).
 */
export async function until<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string | (() => string),
  options: UntilOptions | number = {},
): Promise<T> {
  const { ms = 15_000, everyMs = 5 } = typeof options === 'number' ? { ms: options } : options;
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => setTimeout(resolve, everyMs));
  }
}
