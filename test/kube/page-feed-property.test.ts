import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PageFeed } from '../../src/kube/page-feed.js';

/**
 * A follower joins the feed at some moment: before page `at` is handed over, after the end, or
 * from inside another follower's fold while page `at` is being handed to it (at a page boundary,
 * the way a step that starts while a page is being folded would).
 */
type Join = { at: number; nested: boolean };

describe('PageFeed over random page splits and join points', () => {
  it('hands every follower each item exactly once, in order, wherever it joins', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.nat(), { maxLength: 5 }), { maxLength: 6 }),
        fc.array(fc.record({ at: fc.nat({ max: 7 }), nested: fc.boolean() }), { maxLength: 4 }),
        async (pages, joins: Join[]) => {
          const items = pages.flatMap((p, i) => p.map((_, j) => i * 100 + j));
          const cut = pages.map((p, i) => p.map((_, j) => i * 100 + j));
          let onPage!: (page: readonly number[]) => void;
          let finish!: () => void;
          const feed = new PageFeed<number>(
            (fold) =>
              new Promise<number[]>((resolve) => {
                onPage = fold;
                finish = () => resolve(items);
              }),
          );
          const seen: number[][] = [];
          const done: Promise<number[]>[] = [];
          const join = (): void => {
            const mine: number[] = [];
            seen.push(mine);
            done.push(feed.follow((p) => mine.push(...p)));
          };
          // One follower from the start, so nested joins have a fold to join from.
          let page = -1;
          done.push(
            feed.follow(() => {
              for (const j of joins) if (j.nested && j.at === page) join();
            }),
          );
          for (page = 0; page < cut.length; page++) {
            for (const j of joins) if (!j.nested && j.at === page) join();
            onPage(cut[page]!);
          }
          finish();
          for (const j of joins) if (!j.nested && j.at >= cut.length) join();
          for (const all of await Promise.all(done)) expect(all).toEqual(items);
          for (const mine of seen) expect(mine).toEqual(items);
        },
      ),
    );
  });
});
