/**
 * Simulated time. `speed` > 1 makes the world move faster than the wall clock:
 * a demo pool upgrade of "ten minutes" takes about a minute at speed 10, milliseconds in tests.
 */
export class SimClock {
  private readonly startWall = Date.now();
  private readonly startSim: number;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly speed = 1,
    start = Date.now(),
  ) {
    this.startSim = start;
  }

  /** Simulated milliseconds since the epoch. */
  now(): number {
    return this.startSim + (Date.now() - this.startWall) * this.speed;
  }

  /** Simulated now as an RFC 3339 timestamp without fractions, like the API server writes. */
  iso(): string {
    return new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** Runs `fn` after `simMs` simulated milliseconds; the timer never keeps the process alive. */
  after(simMs: number, fn: () => void): () => void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        fn();
      },
      Math.max(0, simMs / this.speed),
    );
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
