/** Told each page of a list as it arrives; see `PageFeed.follow`. */
export type PageFold<T> = (page: readonly T[]) => void;

/**
 * A list read page by page and shared: each follower is handed the items as their pages arrive,
 * so it can keep its own facts of them while the next page is on its way instead of going over
 * all of them once the last page is in. A follower that comes late is handed the items so far
 * first, then the rest page by page.
 */
export class PageFeed<T> {
  private readonly got: T[] = [];
  private readonly followers = new Set<PageFold<T>>();
  /** Every item once the last page has arrived; rejects as the read does. */
  readonly all: Promise<T[]>;

  /** Starts `read`, which calls its `onPage` with each page's items, in order, before it ends. */
  constructor(read: (onPage: PageFold<T>) => Promise<T[]>) {
    this.all = read((page) => {
      for (const item of page) this.got.push(item);
      // The followers as they were at this page: one that joins during a fold was handed this
      // page with the items so far, and must not get it twice.
      for (const fold of [...this.followers]) fold(page);
    });
    // A failure is each follower's to report; with none, it is not an unhandled rejection.
    this.all.catch(() => undefined);
  }

  /**
   * Hands `fold` the items so far, then each page as it arrives; resolves to every item once
   * all are in (rejects as the read does, or with what `fold` threw, its pages stopping there).
   */
  follow(fold: PageFold<T>): Promise<T[]> {
    let failed: { error: unknown } | undefined;
    const safe: PageFold<T> = (page) => {
      if (failed) return;
      try {
        fold(page);
      } catch (error) {
        failed = { error };
      }
    };
    if (this.got.length > 0) safe(this.got.slice());
    this.followers.add(safe);
    return this.all.then(
      (items) => {
        this.followers.delete(safe);
        if (failed) throw failed.error;
        return items;
      },
      (error: unknown) => {
        this.followers.delete(safe);
        throw error;
      },
    );
  }
}
