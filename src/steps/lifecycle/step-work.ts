import type { StepContext } from '../contract/module.js';

/**
 * The running work of one step: at most one change at a time (an abort may join it), counted as
 * the session's running work so quitting asks first, and abortable by the step (its own abort key
 * or event) as well as by quitting.
 */
export class StepWork {
  private runs = 0;
  private readonly aborts = new Set<AbortController>();

  constructor(
    private readonly ctx: Pick<StepContext<unknown>, 'busy'>,
    private readonly told: (running: boolean) => void,
  ) {}

  /** Whether a change of this step is running. */
  get running(): boolean {
    return this.runs > 0;
  }

  /** Runs `work` as the step's running work; its signal aborts on quit and on `abort()`. */
  async run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const own = new AbortController();
    this.aborts.add(own);
    if (this.runs++ === 0) this.told(true);
    try {
      return await this.ctx.busy((quit) => work(AbortSignal.any([quit, own.signal])));
    } finally {
      this.aborts.delete(own);
      if (--this.runs === 0) this.told(false);
    }
  }

  /** Aborts the step's running work (what it leaves behind, it says itself). */
  abort(): void {
    for (const own of this.aborts) own.abort();
  }
}
