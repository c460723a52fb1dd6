import type { SharedReads } from '../model/connection.js';

/**
 * The reads shared within one snapshot, held on the connection. While a batch is open each shared
 * read (pods, nodes, the ARM cluster, ...) is sent once and its answer handed to every step that
 * asks. The batch is for a snapshot of read-only inspections (the headless audit); outside it every
 * read goes to the server, so a step's verification after a change always sees the new state.
 */
export class ReadBatch implements SharedReads {
  private shelf: Map<string, Promise<unknown>> | undefined;
  private readonly primed = new Map<string, Promise<unknown>>();

  get batching(): boolean {
    return this.shelf !== undefined;
  }

  async batch<T>(work: () => Promise<T>): Promise<T> {
    if (this.shelf) return work();
    this.shelf = new Map(this.primed);
    this.primed.clear();
    try {
      return await work();
    } finally {
      this.shelf = undefined;
    }
  }

  forget(): void {
    this.shelf?.clear();
    this.primed.clear();
  }

  prime(key: string, answer: unknown): void {
    this.primed.set(key, Promise.resolve(answer));
  }

  share<T>(key: string, read: () => Promise<T>): Promise<T> {
    if (!this.shelf) return read();
    let held = this.shelf.get(key) as Promise<T> | undefined;
    if (!held) {
      held = read();
      this.shelf.set(key, held);
    }
    return held;
  }
}
