// The store's deep copy gives what structuredClone gives, for JSON data and for anything else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clone } from '../../src/sim/kube/types.js';

describe('clone', () => {
  it('copies any JSON value to an equal value that shares no object with it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = clone(value);
        expect(copy).toStrictEqual(structuredClone(value));
        const originals = new Set<unknown>();
        const walk = (v: unknown, into: (o: object) => void): void => {
          if (typeof v !== 'object' || v === null) return;
          into(v);
          for (const child of Object.values(v)) walk(child, into);
        };
        walk(value, (o) => originals.add(o));
        walk(copy, (o) => expect(originals.has(o)).toBe(false));
      }),
    );
  });

  it('keeps an own __proto__ key as data', () => {
    const value = JSON.parse('{"a":{"__proto__":{"polluted":true}}}') as Record<string, object>;
    const copy = clone(value);
    expect(Object.keys(copy['a']!)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(copy['a'])).toBe(Object.prototype);
    expect(copy).toStrictEqual(structuredClone(value));
  });

  it('falls back to structuredClone for dates and cycles', () => {
    const date = new Date(0);
    expect(clone({ at: date }).at).toEqual(date);
    const loop: Record<string, unknown> = { name: 'x' };
    loop['self'] = loop;
    const copy = clone(loop);
    expect(copy['self']).toBe(copy);
    expect(copy).not.toBe(loop);
  });
});
