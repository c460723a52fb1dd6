import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ListItems, type ItemShape } from '../../src/kube/list-items.js';

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

describe('ListItems with a shape', () => {
  // Few names, so that items and shapes share them; some need escaping in JSON.
  const name = fc.constantFrom('a', 'b', 'items', 'metadata', 'é', 'a"b', 'c\\d', '');
  const value = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), tricky),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(name, tie('value'), { maxKeys: 4 }),
    ),
  })).value;
  const shape = fc.letrec<{ shape: ItemShape }>((tie) => ({
    shape: fc.dictionary(
      name,
      fc.oneof({ depthSize: 'small' }, fc.constant(true as const), tie('shape')),
      { maxKeys: 3 },
    ),
  })).shape;

  /** What a shape keeps of a value; a key written with an escape is kept whole, unread. */
  function project(v: unknown, s: ItemShape | true): unknown {
    if (s === true || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((e) => project(e, s));
    const kept: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(v)) {
      if (JSON.stringify(key).includes('\\')) kept[key] = member;
      else if (Object.hasOwn(s, key)) kept[key] = project(member, s[key]!);
    }
    return kept;
  }

  it('hands each item with only the members its shape names, however the bytes are cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(name, value, { maxKeys: 5 }), { maxLength: 5 }),
        shape,
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.boolean(),
        (items, s, cuts, pretty) => {
          const list = { kind: 'List', metadata: { continue: 'c' }, items };
          const text = pretty ? JSON.stringify(list, null, 2) : JSON.stringify(list);
          const bytes = new TextEncoder().encode(text);
          const got: unknown[] = [];
          const reader = new ListItems((item) => got.push(item), undefined, s);
          const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((x, y) => x - y);
          let from = 0;
          for (const cut of [...at, bytes.length]) {
            reader.push(bytes.subarray(from, cut));
            from = cut;
          }
          expect(reader.end()).toEqual({ continue: 'c' });
          expect(got).toEqual(items.map((item) => project(item, s)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('leaves out what the shape does not name before the item is parsed', () => {
    const text = JSON.stringify({
      items: [
        {
          kind: 'Pod',
          metadata: { name: 'a', managedFields: [{ manager: 'x' }] },
          spec: { tolerations: [{ key: 'k' }], containers: [{ name: 'c', image: 'i', env: [] }] },
        },
        { metadata: {}, status: { phase: 'Running' } },
      ],
    });
    const got: unknown[] = [];
    const reader = new ListItems((item) => got.push(item), undefined, {
      metadata: { name: true },
      spec: { containers: { name: true } },
    });
    reader.push(new TextEncoder().encode(text));
    reader.end();
    expect(got).toEqual([
      { metadata: { name: 'a' }, spec: { containers: [{ name: 'c' }] } },
      { metadata: {} },
    ]);
  });
});
