// In --dry-run, "Accept this risk" (`A`) asks with the dry-run dialog, whose first line
// says "DRY RUN: nothing will change", and once appended the waiver to the waivers file anyway.
// Now it shows the waiver it would write and writes nothing. That file is the CI gate's
// accepted risks (README "Waivers": a waived finding "does not count for --fail-on"), so a
// rehearsal changes what the pipeline lets through. README "Flags"/"Keys": with --dry-run "every
// change is still asked with the same dialog ... saying that nothing will change".
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startInPty, type PtySession } from '../helpers/pty.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('accept-risk-dry-');
const waivers = join(dir, 'waivers.yaml');
const env = { XDG_STATE_HOME: join(dir, 'state'), AKS_RUNBOOK_TEST_NOW: '2026-03-01' };

async function typeAndSee(pty: PtySession, text: string, expected: string): Promise<void> {
  const mark = pty.screen().length;
  pty.type(text);
  await pty.waitFor((screen) => screen.slice(mark).includes(expected), 30_000);
}

it('writes no waiver in --dry-run: shows the one it would write and says nothing was written', async () => {
  const pty = startInPty(['--demo', '--dry-run', '--waivers', waivers], env, {
    cols: 120,
    rows: 40,
  });
  try {
    await pty.waitFor(/containers\s+Container privileges\s+\d+ finding/, 60_000);
    await typeAndSee(pty, ':', 'Tab complete');
    await typeAndSee(pty, 'containers', ':containers');
    await typeAndSee(pty, '\r', 'A accept risk');
    await typeAndSee(pty, 'A', 'Which finding?');
    await typeAndSee(pty, '\r', 'why is it accepted ›');
    await typeAndSee(pty, 'reads the node logs', 'reads the node logs');
    await typeAndSee(pty, '\r', 'who answers for it ›');
    await typeAndSee(pty, 'sre@contoso.com', 'sre@contoso.com');
    await typeAndSee(pty, '\r', '2026-05-30');
    await typeAndSee(pty, '\r', 'Confirm a dry run');
    expect(pty.screen()).toContain('DRY RUN: nothing will change.');
    await pty.waitFor('Enter do what is chosen');
    await typeAndSee(pty, 'y', '▶ Yes, go ahead');
    const mark = pty.screen().length;
    pty.type('\r');
    await pty.waitFor((s) => /Risk accepted|nothing was written|not written/.test(s.slice(mark)));
    await pty.waitFor((s) => s.slice(mark).includes('reason: reads the node logs'));
    expect(pty.screen().slice(mark)).toContain('Dry run: nothing was written.');
    expect(pty.screen().slice(mark)).not.toContain('Risk accepted');
    pty.type('q');
    await pty.exited(30_000);
  } finally {
    pty.kill();
  }
  // The dialog said nothing will change: the waivers file must not have been made.
  expect(existsSync(waivers)).toBe(false);
}, 180_000);
