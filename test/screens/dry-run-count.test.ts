// In --dry-run, the imds apply's rehearsal is its server-side dry run (the preflight), which
// journals no intent: the Summary's "Dry runs (nothing changed)" must still count it, once, as
// it counts every other step's dry run answered yes (found by the hostile review of wt/56).
import { expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';
import { startInTmux } from '../reliability/tmux.js';

it('counts the imds dry run in the Summary', async () => {
  const t = startInTmux(
    ['--demo', '--dry-run'],
    { XDG_STATE_HOME: tempDir('dry-count-') },
    { columns: 80, rows: 24 },
  );
  try {
    await t.waitFor(/[✔!] node-image\b.*findings?/, 60_000);
    t.type(':imds');
    t.key('Enter');
    await t.waitFor('[a] apply to the chosen namespaces');
    t.key('a');
    await t.waitFor('Enter do what is chosen');
    t.key('y');
    await t.waitFor('▶ Yes, go ahead ◀');
    t.key('Enter');
    await t.waitFor('Dry run only: the API server accepted');
    t.key('Escape');
    await t.waitFor('↑↓ move · Enter open');
    t.type(':summary');
    t.key('Enter');
    const summary = await t.waitFor('Confirmations: 1 asked, 1 answered yes.');
    expect(summary).toContain('Dry runs (nothing changed): 1.');
  } finally {
    t.close();
  }
}, 120_000);
