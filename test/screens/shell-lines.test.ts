import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/model/text-cells.js';
import { shellLines } from '../../screens/shell-lines.js';

/** The words /bin/sh reads from `script`, one per line (printf's way). */
function wordsOf(script: string): string[] {
  const out = execFileSync('/bin/sh', ['-c', `set -- ${script}\nprintf '%s\\n' "$@"`], {
    encoding: 'utf8',
  });
  return out.split('\n').slice(0, -1);
}

const az =
  "az aks update --subscription 3f2b9c1e-7d4a-4e8b-a1c6-5d9e0f1a2b3c -g rg-shop-prod -n 'aks shop' --enable-defender";

describe('commands laid out for the screen', () => {
  it('breaks only between words, with continuations, inside the width', () => {
    const lines = shellLines(az, 60);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(60);
    expect(lines.slice(0, -1).every((l) => l.endsWith(' \\'))).toBe(true);
    expect(lines[0]!.startsWith('$ az aks update')).toBe(true);
    expect(lines.join('\n')).toContain("'aks shop'");
  });

  it('keeps every line of a commented-out command a comment', () => {
    const lines = shellLines(`# not run (dry run): ${az}`, 40);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => /^(\$ |\s+)# /.test(l) && !l.endsWith('\\'))).toBe(true);
    // Copied from the screen and pasted, none of it runs.
    const pasted = shellLines(`# not run (dry run): ${az}`, 40, '', '  ').join('\n');
    expect(execFileSync('/bin/sh', ['-c', `${pasted}\necho end`], { encoding: 'utf8' })).toBe(
      'end\n',
    );
  });

  it('leaves a command that fits on one line alone', () => {
    expect(shellLines('kubectl cordon node-1', 80)).toEqual(['$ kubectl cordon node-1']);
  });

  it('reads as the same words to the shell, whatever the width', () => {
    const word = fc.oneof(
      fc.stringMatching(/^[a-z0-9./=-]{1,14}$/),
      fc.stringMatching(/^[a-z ]{1,10}$/).map((w) => `'${w}'`),
    );
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 20, max: 90 }),
        (words, width) => {
          const command = words.join(' ');
          const screen = shellLines(command, width, '', '  ').join('\n');
          expect(wordsOf(screen)).toEqual(wordsOf(command));
        },
      ),
      { numRuns: 60 },
    );
  });
});
