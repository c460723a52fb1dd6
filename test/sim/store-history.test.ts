// The store's watch window answers changesSince exactly like a list that forgets its oldest change
// on every write past the bound, whatever the bound and the number of writes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/sim/clock.js';
import { R } from '../../src/sim/kube/resources.js';
import { Store } from '../../src/sim/kube/store.js';

describe('Store.changesSince', () => {
  it('remembers the last N changes and names the oldest resumable version when they are gone', () => {
    fc.assert(
      fc.property(fc.nat(12), fc.nat(60), fc.array(fc.nat(70)), (size, writes, asks) => {
        const store = new Store(new SimClock(1), size);
        const kept: number[] = [];
        for (let i = 0; i < writes; i++) {
          const made = store.create(R.serviceaccounts, {
            apiVersion: 'v1',
            kind: 'ServiceAccount',
            metadata: { name: `sa-${i}`, namespace: 'default' },
          });
          kept.push(Number(made.metadata.resourceVersion));
          if (kept.length > size) kept.splice(0, kept.length - size);
        }
        const now = Number(store.currentVersion());
        for (const rv of [...asks, 0, now]) {
          const oldest = kept[0] ?? now + 1;
          const got = store.changesSince(rv);
          if (rv < oldest - 1) expect(got).toEqual({ expired: oldest - 1 });
          else
            expect(Array.isArray(got) && got.map((e) => e.rv)).toEqual(kept.filter((v) => v > rv));
        }
      }),
    );
  });
});
