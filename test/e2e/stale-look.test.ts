// The cluster goes away under an open step (the simulator is stopped): `r` looks again within one
// bound for the whole look, so the step says within seconds that it is stale and what could not
// be reached, and its changes are withdrawn (a pool key opens no confirmation).
import { afterEach, describe, expect, it } from 'vitest';
import { startSimCommand, type RunningSim } from '../helpers/sim-command.js';
import { stateJournal } from '../helpers/state-journal.js';
import { tempDir } from '../helpers/temp-dir.js';
import { startInTmux } from '../reliability/tmux.js';

let running: RunningSim | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('r against a cluster that went away', () => {
  it('turns the step stale within the look bound, says what is unreachable, withdraws its changes', async () => {
    running = await startSimCommand('demo');
    const state = tempDir('stale-');
    const t = startInTmux(
      ['--sim-connection', running.connectionFile],
      { XDG_STATE_HOME: state },
      { columns: 80, rows: 24 },
    );
    await t.waitFor(/[✔!] node-image\b.*findings?/, 60_000);
    t.type(':node-image');
    t.key('Enter');
    await t.waitFor(/Node images and OS patches \(node-image\) · \d+ findings?/);
    await running.stop();
    running = undefined;

    const started = Date.now();
    t.key('r');
    const stale = await t.waitFor('unavailable: the last look failed', 20_000);
    const took = Date.now() - started;
    process.stdout.write(`r with the simulator stopped: stale after ${took} ms\n`);
    expect(took).toBeLessThan(8_000);
    // The title holds the status whole; the one line of what failed is the result.
    expect(stale).not.toMatch(/unavailable: [^\n]*…/);
    t.key('G');
    // The simulator served both wires: the one line names whichever failed first, r's ARM read
    // (cut at the look's bound) or the watch that follows the API server and noticed it gone.
    const bottom = await t.waitFor(
      /refused the connection \(gave up\s+after 5 s\)|cannot reach the API server at https:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
    );
    expect(bottom).toMatch(
      /https:\/\/127\.0\.0\.1:\d+ refused the connection|API server at https:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
    );
    expect(bottom).toMatch(/\[2\] Upgrade the node image of pool apps — not available: the last/);
    t.key('g');
    await t.waitFor('▲ STALE: what follows is from the last look that worked');

    // The pool keys are withdrawn: no confirmation opens (the help shows instead of a dialog).
    t.key('2');
    t.key('1');
    t.key('?');
    const help = await t.waitFor('Esc or ? closes this help.');
    expect(help).not.toContain('Confirm a change');
    expect(stateJournal(state).filter((l) => l.type === 'confirmation')).toEqual([]);
    t.key('Escape');
    t.key('q');
  }, 120_000);
});
