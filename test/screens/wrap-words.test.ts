import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/model/text-cells.js';
import { wrapWords } from '../../screens/text.js';

describe('wrapWords', () => {
  it('breaks a word longer than the line over lines, whole: a path is never cut', () => {
    const path =
      '/home/op/.local/state/aks-runbook/2026-12-06T12-39-15-899Z-aks-shop-prod-4242.jsonl';
    const lines = wrapWords(`Journal: ${path}`, 40);
    expect(lines[0]).toBe('Journal:');
    expect(lines.slice(1).join('')).toBe(path);
    expect(lines.every((l) => displayWidth(l) <= 40 && !l.includes('…'))).toBe(true);
  });

  it('keeps every character, each line within the width (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 30 }).filter((w) => !/\s/.test(w))),
        fc.integer({ min: 4, max: 40 }),
        (words, width) => {
          const lines = wrapWords(words.join(' '), width);
          expect(lines.join('').replace(/\s/g, '')).toBe(words.join(''));
          for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
        },
      ),
    );
  });
});
