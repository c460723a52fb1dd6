import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatch, literalPattern } from '../../src/waivers/waiver-match.js';

/** The plain definition, by recursion on the pattern (fine for the short strings tried here). */
function reference(pattern: string, value: string): boolean {
  if (pattern === '') return value === '';
  if (pattern[0] === '*') {
    for (let i = 0; i <= value.length; i++) {
      if (reference(pattern.slice(1), value.slice(i))) return true;
    }
    return false;
  }
  return value !== '' && pattern[0] === value[0] && reference(pattern.slice(1), value.slice(1));
}

const text = (chars: string[], max: number) =>
  fc.array(fc.constantFrom(...chars), { maxLength: max }).map((a) => a.join(''));

describe('globMatch', () => {
  it('agrees with the plain definition on random patterns and values', () => {
    fc.assert(
      fc.property(text(['a', 'b', '*', '.', '-'], 10), text(['a', 'b', '.', '-'], 12), (p, v) => {
        expect(globMatch(p, v)).toBe(reference(p, v));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees on values built to fit the pattern', () => {
    fc.assert(
      fc.property(text(['a', 'b', '*'], 8), text(['a', 'b'], 4), (p, fill) => {
        const v = p.replaceAll('*', fill);
        expect(globMatch(p, v)).toBe(true);
        expect(reference(p, v)).toBe(true);
      }),
    );
  });

  it('takes bounded time with many stars against a value that does not fit', () => {
    const started = process.cpuUsage();
    expect(globMatch(`${'*'.repeat(60)}!`, 'a'.repeat(253))).toBe(false);
    expect(globMatch(`${'a*'.repeat(60)}!`, 'a'.repeat(253))).toBe(false);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(200);
  });
});

describe('escapes in waiver patterns', () => {
  it('reads \\* as a * itself and \\\\ as a \\ itself; any other \\ stays', () => {
    expect(globMatch('ops-\\*', 'ops-*')).toBe(true);
    expect(globMatch('ops-\\*', 'ops-backdoor')).toBe(false);
    expect(globMatch('a\\\\*', 'a\\bc')).toBe(true);
    expect(globMatch('a\\b', 'a\\b')).toBe(true);
    expect(globMatch('ops-*', 'ops-backdoor')).toBe(true); // files written before keep working
  });

  it('literalPattern fits exactly the value it was made from', () => {
    fc.assert(
      fc.property(text(['a', '*', '\\', '-'], 10), text(['a', '*', '\\', '-'], 10), (x, y) => {
        expect(globMatch(literalPattern(x), y)).toBe(x === y);
      }),
      { numRuns: 3000 },
    );
  });
});
