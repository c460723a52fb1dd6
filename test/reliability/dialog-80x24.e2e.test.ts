// The control-plane upgrade confirmation (the longest question the program asks) in a real 80x24
// terminal: its title, the cluster and the change stay on screen; its details scroll beneath them.
import { afterEach, describe, expect, it } from 'vitest';
import { startInTmux, type TmuxTerminal } from './tmux.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp-dir.js';

let term: TmuxTerminal | undefined;
afterEach(() => term?.close());

function expectHeader(screen: string): void {
  const lines = screen.trimEnd().split('\n');
  expect(lines.length).toBeLessThanOrEqual(24);
  expect(screen).toContain('Confirm a change: type the name to proceed');
  expect(screen).toContain('Cluster: aks-shop-prod');
  expect(screen).toMatch(/Change: Upgrade the control plane of aks-shop-prod from 1\.31\.8 to/);
  expect(screen).toContain('Type aks-shop-prod and press Enter');
}

describe('a dialog at 80x24', () => {
  it('keeps the title, the cluster and the change in view, and scrolls the details', async () => {
    const t = (term = startInTmux(
      ['--demo'],
      { XDG_STATE_HOME: tempDir('fit-') },
      { columns: 80, rows: 24 },
    ));
    await t.waitFor('Node images and OS patches', 60_000);
    t.type(':upgrades');
    t.key('Enter');
    await t.waitFor('Control plane 1.31.8', 60_000);
    t.key('t');
    await t.waitFor('Choose the control-plane target');
    t.key('Enter');
    await t.waitFor((s) => !s.includes('Choose the control-plane target'));
    t.key('c');
    const first = await t.waitFor('Enter go ahead', 60_000);
    expectHeader(first);
    const window = /lines 1–(\d+) of (\d+)/.exec(first);
    expect(window, first).not.toBeNull();
    t.key('Down');
    // A whole frame: tmux may be read while a frame is half drawn.
    const scrolled = await t.waitFor(
      (screen) => /lines 2–\d+ of \d+/.test(screen) && screen.includes('Enter go ahead'),
    );
    expectHeader(scrolled);
    t.key('Escape');
    await t.waitFor('Cancelled');
    t.key('q');
    await t.waitFor('[exit code 0]', 30_000);
    // The screens were drawn in the alternate screen: nothing of them is left in the scrollback.
    const history = t.history();
    expect(history).toContain('Journal: ');
    expect(history).not.toContain('Confirm a change');
    expect(history).not.toContain('Node images and OS patches');
  }, 120_000);
});

describe('the paste from the report, with tmux paste-buffer', () => {
  it('pasting :drain and then dy never drains a node, bracketed or not', async () => {
    const state = tempDir('paste-');
    const t = (term = startInTmux(['--demo'], { XDG_STATE_HOME: state }));
    await t.waitFor('Node images and OS patches', 60_000);
    await t.waitFor(/✔ connect .* ok/, 60_000);
    // Bracketed (the terminal marks the paste): nothing happens but a notice.
    t.paste(':drain\r', true);
    await t.waitFor('Paste ignored');
    expect(t.screen()).toContain('Node images and OS patches');
    // Not bracketed: the keys are typed, in one read; `:drain` opens the step.
    t.paste(':drain\r', false);
    await t.waitFor('d drain · ', 60_000);
    t.paste('dy\r', true);
    await t.waitFor('Paste ignored');
    t.paste('dy\r', false);
    // d opens the question; y and Enter came with it and are ignored.
    await t.waitFor('in one go, were ignored', 60_000);
    expect(t.screen()).toContain('▶ No, cancel ◀');
    t.key('Escape');
    await t.waitFor('Cancelled: nothing was changed.');
    t.key('q');
    await t.waitFor('[exit code 0]', 30_000);
    const dir = join(state, 'aks-runbook');
    const file = readdirSync(dir).find((f) => f.endsWith('.jsonl'))!;
    const records = readFileSync(join(dir, file), 'utf8').trim().split('\n');
    const answers = records
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((r) => r['type'] === 'confirmation')
      .map((r) => r['answer']);
    expect(answers).toEqual(['no']);
    expect(records.some((line) => line.includes('"type":"intent"'))).toBe(false);
  }, 120_000);
});
