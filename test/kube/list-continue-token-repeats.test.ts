import { describe, expect, it } from 'vitest';
import { listAllPages, type Page } from '../../src/kube/paged.js';

// A continue token is an opaque position in the list; the server hands a new one with each page
// until the list ends (https://kubernetes.io/docs/reference/using-api/api-concepts/#retrieving-large-results-sets-in-chunks).
// A server or proxy that hands the same token back would make the reader ask the same page forever
// and count its items again each time; that must fail as a broken list, not read as more objects.
describe('a list whose continue token never moves on', () => {
  it('is refused, not counted again page after page', async () => {
    let asked = 0;
    const fetchPage = (cont: string | undefined): Promise<Page<string>> => {
      asked += 1;
      // Bounded here so the old code ends: 50 pages of the same token, then the list "ends".
      if (asked > 50) return Promise.resolve({ items: [], metadata: {} });
      void cont;
      return Promise.resolve({ items: ['pod-a'], metadata: { _continue: 'same-token' } });
    };
    await expect(listAllPages(fetchPage)).rejects.toThrow();
    expect(asked).toBeLessThan(5);
  });
});
