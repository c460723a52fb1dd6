// Exactly one row of key hints on every screen, by construction: the footer (KeyHints, fed by the
// active layer's key table) is the only place key hints are drawn from a table, except inside a
// dialog whose layer says it prints its own keys (ownFooter: the footer row then stays empty).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { footerText, type KeyBinding } from '../../screens/key-table.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const SCREENS = files('screens').map((path) => ({ path, text: readFileSync(path, 'utf8') }));

describe('one footer row', () => {
  it('key hints are drawn from a key table only by the footer and by dialogs that own theirs', () => {
    // key-table.ts defines it; the key bus only compares footers with it.
    const drawing = SCREENS.filter(
      (f) => /\bfooterText\(/.test(f.text) && !/key-(table|bus)\.ts$/.test(f.path),
    ).map((f) => f.path);
    expect(drawing.sort()).toEqual(['screens/GuardLine.tsx', 'screens/KeyHints.tsx']);
    const guarded = SCREENS.filter((f) => /<GuardLine\b/.test(f.text));
    expect(guarded.length).toBeGreaterThan(0);
    for (const f of guarded) {
      expect(f.text, `${f.path} draws its keys: its layer must say ownFooter`).toMatch(
        /ownFooter: true/,
      );
    }
  });

  it('no screen writes a key hint of its own beside the footer ("Press q to quit")', () => {
    for (const f of SCREENS) expect(f.text, f.path).not.toMatch(/Press [a-zA-Z?] to /);
  });

  it('the footer is one line: hints that do not fit give way to "? more"', () => {
    const table: KeyBinding[] = 'abcdefghijklmnop'.split('').map((k) => ({
      keys: [k],
      does: `does ${k}`,
      hint: `hint number ${k}`,
      run: () => undefined,
    }));
    const line = footerText(table, 80);
    expect(line).not.toContain('\n');
    expect(Array.from(line).length).toBeLessThanOrEqual(80);
    expect(line.endsWith('? more')).toBe(true);
  });
});
