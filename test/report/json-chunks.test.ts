import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batched, jsonChunks } from '../../src/report/json-chunks.js';

const same = (value: unknown, depth?: number): void =>
  expect([...jsonChunks(value, depth)].join('')).toBe(JSON.stringify(value, null, 2));

describe('jsonChunks', () => {
  it('joins to exactly JSON.stringify(value, null, 2), for any JSON value and depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 5 }), (value, depth) => {
        same(value, depth);
      }),
    );
  });

  it('matches JSON.stringify for values whose toJSON returns undefined, a function or JSON', () => {
    // JSON.stringify calls toJSON(key) once and writes its result: undefined (or a function)
    // leaves the property out, is null in an array, and gives undefined at the top.
    const { value } = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.jsonValue({ maxDepth: 2 }),
        fc.constantFrom(undefined, () => 1),
        tie('value').map((inner) => ({ toJSON: () => inner })),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 3 }), tie('value'), { maxKeys: 4 }),
      ),
    }));
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 5 }), (v, depth) => {
        expect([...jsonChunks(v, depth)].join('')).toBe(JSON.stringify(v, null, 2) ?? '');
      }),
    );
    const gone = { toJSON: () => undefined };
    same({ a: gone, b: [gone, 1], c: { d: gone } });
    expect(JSON.stringify({ a: gone, b: [gone] })).toBe('{"b":[null]}');
    // At the top JSON.stringify gives undefined: no piece at all.
    expect([...jsonChunks(gone)]).toEqual([]);
  });

  it('leaves out what JSON.stringify leaves out, and calls toJSON with its key', () => {
    const seen: string[] = [];
    const stamp = {
      toJSON: (key: string) => {
        seen.push(key);
        return { at: key };
      },
    };
    same({
      a: undefined,
      b: () => 1,
      c: [undefined, () => 1, Symbol('s'), 1],
      d: new Date(0),
      e: stamp,
      f: [stamp, { g: stamp }],
      h: {},
      i: [],
      j: { k: undefined },
      l: Object.assign(Object.create(null) as object, { m: 'n' }),
      o: 'line\nbreak \u2028 "quoted"',
    });
    expect(seen.filter((k) => k !== '')).toEqual(['e', '0', 'g', 'e', '0', 'g']);
  });

  it('gives a large array in many pieces, none of them the whole', () => {
    const findings = Array.from({ length: 2000 }, (_, i) => ({ id: `x.${i}`, n: i }));
    const pieces = [...jsonChunks({ steps: [{ findings }] })];
    expect(pieces.length).toBeGreaterThan(2000);
    const batches = [...batched(pieces, 4096)];
    expect(batches.join('')).toBe(JSON.stringify({ steps: [{ findings }] }, null, 2));
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThan(4096 + 200);
  });
});
