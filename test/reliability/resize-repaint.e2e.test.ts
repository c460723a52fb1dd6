// A resize in a real terminal (tmux) repaints the whole screen: narrowing below 80x24 and widening
// again leaves no row of an older frame behind (Ink lays out one frame at the new size before the
// screens follow it, and the terminal reflows or drops rows meanwhile).
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';
import { startInTmux, type TmuxTerminal } from './tmux.js';

let term: TmuxTerminal | undefined;
afterEach(() => term?.close());

describe('a resize from 60x20 to 80x24', () => {
  it('shows the open step exactly as before, with one header and no stale row', async () => {
    const t = (term = startInTmux(
      ['--demo'],
      { XDG_STATE_HOME: tempDir('resize-') },
      { columns: 80, rows: 24 },
    ));
    await t.waitFor(/✔ connect .* ok/, 60_000);
    t.type(':drain');
    t.key('Enter');
    // The drain step's table (wide rows that wrap at 60 columns), once two reads agree: settled.
    let last = '';
    const before = await t.waitFor((s) => {
      const settled = s === last && s.includes('d drain · ') && s.includes('reboot needed');
      last = s;
      return settled;
    }, 60_000);
    expect(before.split('\n')[0]).toMatch(/^aks-runbook · aks-shop-prod/);

    t.resize(60, 20);
    await t.waitFor(/needs a terminal of at least\s+80x24/);
    t.resize(80, 24);
    await t.waitFor((s) => s === before, 10_000);
    expect(t.screen().match(/aks-runbook · aks-shop-prod/g)).toHaveLength(1);

    t.key('Escape');
    await t.waitFor('↑↓ move · Enter open');
    t.key('q');
    await t.waitFor('[exit code 0]', 30_000);
  }, 120_000);
});
