import { describe, expect, it } from 'vitest';
import { PageFeed } from '../../src/kube/page-feed.js';

/** A feed whose pages the test hands over one at a time, then ends (or fails). */
function manualFeed() {
  let onPage!: (page: readonly number[]) => void;
  let finish!: (error?: Error) => void;
  const all: number[] = [];
  const feed = new PageFeed<number>(
    (fold) =>
      new Promise<number[]>((resolve, reject) => {
        onPage = fold;
        finish = (error) => (error ? reject(error) : resolve(all));
      }),
  );
  const page = (items: number[]): void => {
    all.push(...items);
    onPage(items);
  };
  return { feed, page, finish };
}

describe('PageFeed', () => {
  it('hands an early follower each page, and a late one the items so far then the rest', async () => {
    const { feed, page, finish } = manualFeed();
    const early: number[][] = [];
    const late: number[][] = [];
    const earlyAll = feed.follow((p) => early.push([...p]));
    page([1, 2]);
    page([3]);
    const lateAll = feed.follow((p) => late.push([...p]));
    page([4, 5]);
    finish();
    expect(await earlyAll).toEqual([1, 2, 3, 4, 5]);
    expect(await lateAll).toEqual([1, 2, 3, 4, 5]);
    expect(early).toEqual([[1, 2], [3], [4, 5]]);
    expect(late).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    // After the end, a follower gets everything at once.
    const after: number[][] = [];
    expect(await feed.follow((p) => after.push([...p]))).toEqual([1, 2, 3, 4, 5]);
    expect(after).toEqual([[1, 2, 3, 4, 5]]);
  });

  it('fails every follower as the read fails, even after some pages were handed over', async () => {
    const { feed, page, finish } = manualFeed();
    const seen: number[] = [];
    const a = feed.follow((p) => seen.push(...p));
    const b = feed.follow(() => undefined);
    page([1]);
    const refused = new Error('403 on page 2');
    finish(refused);
    await expect(a).rejects.toBe(refused);
    await expect(b).rejects.toBe(refused);
    await expect(feed.all).rejects.toBe(refused);
    expect(seen).toEqual([1]);
  });

  it('fails only the follower whose fold threw; the others get every page', async () => {
    const { feed, page, finish } = manualFeed();
    const broken = new Error('fold bug');
    const bad = feed.follow(() => {
      throw broken;
    });
    const good: number[] = [];
    const ok = feed.follow((p) => good.push(...p));
    page([1]);
    page([2]);
    finish();
    await expect(bad).rejects.toBe(broken);
    expect(await ok).toEqual([1, 2]);
    expect(good).toEqual([1, 2]);
  });
});
