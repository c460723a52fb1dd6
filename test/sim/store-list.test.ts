// The store's list (kept in key order between writes) always answers with the objects the store
// holds now: after any sequence of creates, updates and removes, list() is what a fresh sort of
// get() gives, in every namespace and across namespaces.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/sim/clock.js';
import type { KubeObject } from '../../src/sim/contracts.js';
import { R } from '../../src/sim/kube/resources.js';
import { Store } from '../../src/sim/kube/store.js';

const op = fc.record({
  kind: fc.constantFrom('create', 'update', 'remove', 'list'),
  ns: fc.constantFrom('a', 'b', 'c'),
  name: fc.constantFrom('p0', 'p1', 'p2', 'p3', 'p10'),
  label: fc.string({ maxLength: 3 }),
});

function held(store: Store, namespace?: string): Array<[string, string | undefined]> {
  const keys: Array<[string, string | undefined]> = [];
  for (const ns of ['a', 'b', 'c'])
    for (const name of ['p0', 'p1', 'p10', 'p2', 'p3']) {
      const o = store.get(R.pods, ns, name);
      if (o && (!namespace || namespace === ns))
        keys.push([`${ns}/${name}`, o.metadata.labels?.['v']]);
    }
  return keys.sort((x, y) => (x[0] < y[0] ? -1 : 1));
}

const shown = (items: readonly KubeObject[]): Array<[string, string | undefined]> =>
  items.map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o.metadata.labels?.['v']]);

describe('Store.list', () => {
  it('answers with the current objects, in key order, whatever was written between lists', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const store = new Store(new SimClock(1));
        for (const o of ops) {
          const cur = store.get(R.pods, o.ns, o.name);
          const pod = {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: o.name, namespace: o.ns, labels: { v: o.label } },
          };
          if (o.kind === 'create' && !cur) store.create(R.pods, pod);
          if (o.kind === 'update' && cur) store.update(R.pods, { ...cur, ...pod });
          if (o.kind === 'remove') store.remove(R.pods, o.ns, o.name);
          if (o.kind === 'list') shown(store.list(R.pods));
          expect(shown(store.list(R.pods))).toEqual(held(store));
          expect(shown(store.list(R.pods, o.ns))).toEqual(held(store, o.ns));
        }
      }),
    );
  });

  it('leaves an array it handed out as it was when the store changes', () => {
    const store = new Store(new SimClock(1));
    const meta = (name: string) => ({ name, namespace: 'a' });
    store.create(R.pods, { apiVersion: 'v1', kind: 'Pod', metadata: meta('p1') });
    const before = store.list(R.pods);
    const first = before[0]!;
    store.update(R.pods, { ...first, metadata: { ...first.metadata, labels: { v: 'x' } } });
    store.create(R.pods, { apiVersion: 'v1', kind: 'Pod', metadata: meta('p0') });
    expect(before).toEqual([first]);
    expect(store.list(R.pods).map((o) => o.metadata.name)).toEqual(['p0', 'p1']);
    expect(store.list(R.pods)[1]!.metadata.labels).toEqual({ v: 'x' });
  });
});
