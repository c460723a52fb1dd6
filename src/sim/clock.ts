/**
 * The simulator's one clock. Every timestamp it shows is the wall clock, as the client sees it;
 * `speed` > 1 only makes things take less time: a demo pool upgrade of "ten minutes" takes about a
 * minute at speed 10, milliseconds in tests. Durations are given in simulated milliseconds (what
 * the real service would take) and waited for `speed` times faster.
 */
export class SimClock {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly speed = 1) {}

  /** Now, in milliseconds since the epoch (the wall clock). */
  now(): number {
    return Date.now();
  }

  /** Now as an RFC 3339 timestamp without fractions, like the API server writes. */
  iso(): string {
    return isoSeconds(Date.now());
  }

  /** How long `simMs` of the real service's time lasts here, in wall milliseconds. */
  wallMs(simMs: number): number {
    return Math.max(0, simMs / this.speed);
  }

  /** Runs `fn` after `simMs` simulated milliseconds; the timer never keeps the process alive. */
  after(simMs: number, fn: () => void): () => void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, this.wallMs(simMs));
    timer.unref();
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  /** Resolves after `simMs` simulated milliseconds. */
  sleep(simMs: number): Promise<void> {
    return new Promise((resolve) => this.after(simMs, resolve));
  }

  /** Cancels every pending timer (on shutdown). */
  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

/** The last second isoSeconds formatted: a scenario load stamps 30,000 pods within a few seconds. */
let last = { second: NaN, text: '' };

/** An RFC 3339 timestamp in whole seconds (`2026-01-02T03:04:05Z`). */
export function isoSeconds(ms: number): string {
  const second = Math.floor(Math.trunc(ms) / 1000);
  if (second !== last.second)
    last = { second, text: new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') };
  return last.text;
}
