import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { confirmChange } from '../../src/runbook/confirm.js';
import { Journal } from '../../src/runbook/journal.js';
import { SessionStore } from '../../src/runbook/session.js';
import { tempDir } from '../helpers/temp-dir.js';

const request = { cluster: 'aks-demo', change: 'cordon node aks-system-1', typed: 'aks-demo' };

async function setup(readOnly: boolean) {
  const mode = { readOnly, dryRun: false, demo: true };
  const journal = await Journal.open({
    cluster: 'aks-demo',
    mode,
    env: {},
    dir: tempDir('j-'),
  });
  return { store: new SessionStore(mode), journal };
}

describe('confirming a change', () => {
  it('shows the question, waits for the answer and journals both', async () => {
    const { store, journal } = await setup(false);
    const answer = confirmChange(store, journal, request);
    expect(store.getState().confirmation).toEqual(request);
    store.answer(true);
    expect(await answer).toBe(true);
    expect(store.getState().confirmation).toBeUndefined();
    await journal.close();
    expect(readFileSync(journal.path, 'utf8')).toContain(
      '"change":"cordon node aks-system-1","typed":"aks-demo","answer":"yes"',
    );
  });

  it('asks nothing and says no in read-only mode', async () => {
    const { store, journal } = await setup(true);
    expect(await confirmChange(store, journal, request)).toBe(false);
    expect(store.getState().confirmation).toBeUndefined();
    await journal.close();
  });

  it('refuses a second question while one is open', async () => {
    const { store, journal } = await setup(false);
    const first = confirmChange(store, journal, request);
    await expect(store.ask(request)).rejects.toThrow(/already open/);
    store.answer(false);
    expect(await first).toBe(false);
    await journal.close();
  });
});
