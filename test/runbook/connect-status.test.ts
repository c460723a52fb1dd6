// A step's status only moves forward within one look: connect is running from connected until
// its rights look gives the verdict, never ok first and then running again (a flicker).
import { afterEach, describe, expect, it } from 'vitest';
import { SessionStore } from '../../src/runbook/session.js';
import { startSession, type RunningSession } from '../../src/runbook/start-session.js';
import { startSimCommand, type RunningSim } from '../helpers/sim-command.js';
import { tempDir } from '../helpers/temp-dir.js';
import { until } from '../reliability/fault-rig.js';

let sim: RunningSim | undefined;
let running: RunningSession | undefined;
afterEach(async () => {
  await running?.stop();
  await sim?.stop();
  running = sim = undefined;
});

describe('the connect row at start', () => {
  it('goes running -> ok once, with no ok before the rights look', async () => {
    sim = await startSimCommand('demo');
    const store = new SessionStore({ readOnly: false, dryRun: false, demo: false });
    const seen: string[] = [];
    store.subscribe(() => {
      const kind = store.getState().steps.connect.kind;
      if (seen.at(-1) !== kind) seen.push(kind);
    });
    const state = tempDir('connect-status-');
    running = await startSession(
      { cloud: 'AzureCloud', demo: false, simConnection: sim.connectionFile },
      store,
      { XDG_STATE_HOME: state, HOME: state },
    );
    await until(() => ['ok', 'findings'].includes(seen.at(-1)!), 'the rights look', 60_000);
    expect(seen.filter((k) => k !== 'not-started')).toEqual(['running', seen.at(-1)]);
  }, 90_000);
});
