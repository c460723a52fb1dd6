// The program in a tmux terminal closes its journal when its terminal goes (SIGHUP), a moment
// after the test that started it ended. The test's folders were once removed at once, before
// the program had ended: it wrote its state folder again, and the suite failed on what was left
// in its temp directory (seen in a loaded run of unverified-change). The terminal's cleanup now
// waits for the program to end, so its folders go after it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';
import { until } from '../helpers/until.js';
import { startInTmux } from './tmux.js';

/** A stand-in for the program: on SIGHUP it takes a moment, then writes its state folder again. */
const LATE_WRITER = (dir: string) =>
  `${process.execPath} -e "${[
    `process.on('SIGHUP', () => setTimeout(() => {`,
    `require('fs').mkdirSync('${dir}/aks-runbook', { recursive: true });`,
    `require('fs').writeFileSync('${dir}/aks-runbook/journal', 'closed');`,
    `process.exit(0); }, 300));`,
    `console.log('ready'); setInterval(() => {}, 1000);`,
  ].join(' ')}"`;

let state = '';

/** Whether a process with `variable` in its environment still runs. */
function anyWith(variable: string): boolean {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .some((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(variable);
      } catch {
        return false;
      }
    });
}

describe.skipIf(!existsSync('/proc'))('a terminal that ends with its test', () => {
  it('starts a program that writes its state folder when its terminal goes', async () => {
    state = tempDir('late-writer-');
    const t = startInTmux(
      [],
      { LATE_WRITER: state },
      { columns: 80, rows: 24 },
      LATE_WRITER(state),
    );
    await t.waitFor('ready');
  });

  it('ended before its folders were removed: nothing of it is left', async () => {
    // The program has ended (its cleanup waited for it); had it not, wait for it here.
    await until(() => !anyWith(`LATE_WRITER=${state}`), 'the late writer to end', 10_000);
    expect(existsSync(join(state, 'aks-runbook'))).toBe(false);
    expect(existsSync(state)).toBe(false);
  });
});
