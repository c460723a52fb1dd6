import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ListItems } from '../../src/kube/list-items.js';

/** Splits `text`'s UTF-8 bytes at the given cut points and feeds them in that order. */
function fed(text: string, cuts: number[]): { items: unknown[]; meta: unknown } {
  const bytes = new TextEncoder().encode(text);
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const items: unknown[] = [];
  const list = new ListItems((item) => items.push(item));
  let from = 0;
  for (const cut of [...at, bytes.length]) {
    list.push(bytes.subarray(from, cut));
    from = cut;
  }
  return { items, meta: list.end() };
}

const tricky = fc.string({
  unit: fc.constantFrom('a', '"', '\\', '{', '}', '[', ']', ',', ':', 'é', '😀', ' '),
});

describe('ListItems', () => {
  it('gives every item and the metadata of any list, however its bytes are cut', () => {
    const item = fc.dictionary(tricky, fc.oneof(fc.jsonValue(), tricky));
    const list = fc.record({
      kind: tricky,
      apiVersion: fc.constant('v1'),
      metadata: fc.record(
        { continue: tricky, resourceVersion: fc.constant('9') },
        { requiredKeys: [] },
      ),
      items: fc.array(item, { maxLength: 8 }),
    });
    fc.assert(
      fc.property(
        list,
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.boolean(),
        (value, cuts, pretty) => {
          const text = pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
          const { items, meta } = fed(text, cuts);
          const whole = JSON.parse(text) as { items: unknown; metadata: unknown };
          expect(items).toEqual(whole.items);
          expect(meta).toEqual(whole.metadata);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads the keys it needs wherever they are, and no item of a nested "items"', () => {
    const text = JSON.stringify({
      items: [{ a: 1, items: [{ b: 2 }], metadata: { continue: 'no' } }],
      kind: 'x',
      metadata: { continue: 'yes' },
    });
    expect(fed(text, [5, 17, 30])).toEqual({
      items: [{ a: 1, items: [{ b: 2 }], metadata: { continue: 'no' } }],
      meta: { continue: 'yes' },
    });
    expect(fed('{"kind":"PodList","items":null}', []).items).toEqual([]);
  });

  it('says so when the body ends early', () => {
    const list = new ListItems(() => undefined);
    list.push(new TextEncoder().encode('{"items":[{"a":"b'));
    expect(() => list.end()).toThrow(/ended early/);
  });

  it('tells the metadata as soon as it has arrived, before the first item of a list that starts with it', () => {
    // A paged reader asks for the next page from here, while this page's items still stream.
    const seen: string[] = [];
    const list = new ListItems(
      () => seen.push('item'),
      (meta) => seen.push(`meta ${meta.continue}`),
    );
    const text = JSON.stringify({ kind: 'PodList', metadata: { continue: 'c2' }, items: [{}, {}] });
    const bytes = new TextEncoder().encode(text);
    const afterMeta = text.indexOf('"items"');
    list.push(bytes.subarray(0, afterMeta));
    expect(seen).toEqual(['meta c2']);
    list.push(bytes.subarray(afterMeta));
    expect(seen).toEqual(['meta c2', 'item', 'item']);
    expect(list.end()).toEqual({ continue: 'c2' });
  });

  it('refuses a body that is not a list, rather than read it as one with nothing in it', () => {
    // An empty 200, plain text from a proxy, a bare array, a Status, two objects: each would
    // otherwise pass as "no pods" and a step would judge a cluster it never saw.
    for (const body of [
      '',
      'OK',
      '[]',
      '[{"a":1}]',
      '{"kind":"Status","status":"Success"}',
      '{"items":[]}{}',
    ]) {
      const list = new ListItems(() => undefined);
      expect(() => {
        list.push(new TextEncoder().encode(body));
        list.end();
      }, body).toThrow(/not a Kubernetes list/);
    }
    expect(fed('{"kind":"PodList","metadata":{},"items":[]}', [3]).items).toEqual([]);
  });
});
