// --dry-run in a real terminal: every change is asked with the same dialog as for real, titled and
// headed as a dry run (Defender's typed one, the imds policies after their server-side dry run;
// RBAC's replacement in test/e2e/rbac-modes.test.ts).
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';
import { startInTmux } from '../reliability/tmux.js';
import { DEMO_WORKSPACE } from '../helpers/sim-session.js';

const WORKSPACE = DEMO_WORKSPACE;

describe('--dry-run asks every change with the one dialog', () => {
  it('Defender (typed) and imds (after its server-side dry run) each ask "Confirm a dry run"', async () => {
    const state = tempDir('dry-dialogs-');
    const t = startInTmux(
      ['--demo', '--dry-run'],
      { XDG_STATE_HOME: state },
      { columns: 80, rows: 24 },
    );
    await t.waitFor(/[✔!] node-image\b.*findings?/, 60_000);
    const open = async (step: string, title: string) => {
      t.type(`:${step}`);
      t.key('Enter');
      await t.waitFor(`(${step})`);
      await t.waitFor(title);
    };
    await open('defender', 'Threat protection');
    // ARM requires a Log Analytics workspace to enable Defender: give one (w), then e.
    t.key('w');
    await t.waitFor('workspace ›');
    t.type(WORKSPACE);
    t.key('Enter');
    await t.waitFor('Enabling would use: law-shop');
    t.key('e');
    const defender = await t.waitFor('Confirm a dry run: type the name to proceed');
    expect(defender).toContain('DRY RUN: nothing will change.');
    expect(defender).toContain('(dry run) Enable Microsoft Defender');
    expect(defender).not.toMatch(/billed per vCore from now on|Sends one PUT/);
    t.key('Escape');
    await t.waitFor('Cancelled: nothing was changed.');
    t.key('Escape');
    await t.waitFor('↑↓ move · Enter open');

    t.type(':imds');
    t.key('Enter');
    // The table shows before its keys are bound; the action line says when they are.
    await t.waitFor('[a] apply to the chosen namespaces');
    t.key('a');
    const imds = await t.waitFor('Confirm a dry run');
    expect(imds).toContain('(dry run) Create NetworkPolicy');
    t.key('Escape');
    await t.waitFor('Cancelled: nothing was changed.');
    t.key('q');
  }, 120_000);
});
