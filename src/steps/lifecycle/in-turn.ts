/**
 * Async work run one at a time, in the order it was handed in: each waits for the one before it
 * to end (however it ended), so an older one cannot finish over a newer one.
 */
export class InTurn {
  /** The last work handed in, until it ends. */
  private last: Promise<void> | undefined;

  /** Runs `work` after every work handed in before it; rejects as `work` does. */
  async run(work: () => Promise<void>): Promise<void> {
    const turn = (this.last ?? Promise.resolve()).catch(() => undefined).then(work);
    this.last = turn;
    try {
      await turn;
    } finally {
      if (this.last === turn) this.last = undefined;
    }
  }

  /** Waits until every work handed in so far has ended (its failure is its caller's). */
  async idle(): Promise<void> {
    await this.last?.catch(() => undefined);
  }
}
