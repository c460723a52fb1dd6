// `fleet run start|stop|skip` when Fleet Manager's answer never comes (the POST's connection reset,
// its retries too): the change was sent and its outcome is unknown, as an AKS operation's is. It
// once ended "Azure refused or failed", journaled ok: false, as if Azure had answered.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FLEET_SUBSCRIPTIONS } from '../../src/sim/scenarios/fleet.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fleetHarness } from './fleet-harness.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const RAW = /socket hang up|ECONNRESET|fetch failed|refused or failed/;

/**
 * Starts update run `run` with ARM requests matching `pathPattern` reset; the command must end
 * with exit 2 and one line, returned with the harness.
 */
async function startResetting(run: string, pathPattern: string) {
  sim = await startSimulator({
    scenario: 'fleet',
    speed: 6000,
    faults: { api: 'arm', reset: 1, pathPattern },
  });
  const h = fleetHarness(sim, { AKS_RUNBOOK_RETRY_WAIT_MAX: '0.01' });
  const ran = await h.run([
    'run',
    'start',
    '-n',
    run,
    '--kubernetes-version',
    '1.31.8',
    '--confirm',
    'fleet-contoso',
  ]);
  expect(ran.code).toBe(2);
  const line = ran.err.trim();
  expect(line.split('\n')).toHaveLength(1);
  return { h, line };
}

describe('fleet run start whose answer never came', () => {
  it('one line: sent, outcome unknown, the az command that tells; journaled unknown', async () => {
    const { h, line } = await startResetting('lost-131', '/updateRuns/[^/]+/start$');
    expect(line).toMatch(
      /^aks-runbook: the request to start update run lost-131 got no answer; its outcome is unknown: no answer came to the request, so Azure may or may not have accepted it: cannot reach Azure Resource Manager while trying to start update run lost-131;/,
    );
    expect(line).toContain(
      `check it with az fleet updaterun show -g rg-fleet --fleet-name fleet-contoso -n lost-131 --query status.status.state --subscription ${FLEET_SUBSCRIPTIONS.prod} before sending it again`,
    );
    expect(line).not.toMatch(RAW);
    const journal = readFileSync(
      join(
        h.env()['XDG_STATE_HOME']!,
        'aks-runbook',
        'fleet',
        `9d8c7b6a-rg-fleet-fleet-contoso-lost-131.jsonl`,
      ),
      'utf8',
    )
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l['kind'] === 'result');
    expect(journal[0]).toMatchObject({ action: 'create', ok: true });
    // Sent once: the command stops at the unknown start, and the harness never runs it again.
    const starts = journal.filter((l) => l['action'] === 'start');
    expect(starts).toHaveLength(1);
    expect(starts[0]).toMatchObject({ ok: false, unknown: true });
  }, 60_000);

  it('accepted, then its operation unreadable: said accepted, that it may still run; journaled unknown', async () => {
    const { line } = await startResetting('unread-131', '/fleetOperationStatuses/');
    // Fleet Manager accepted the create (201), then its operation could not be read: the command
    // stops there, the start never sent.
    expect(line).toMatch(
      /^aks-runbook: the request to create update run unread-131 was sent and accepted; its outcome is unknown: Azure accepted the request, then could not be heard: cannot reach Azure Resource Manager while trying to create update run unread-131;/,
    );
    expect(line).toContain(
      'It may still be running in Azure: check it with az fleet updaterun show',
    );
    expect(line).not.toMatch(RAW);
  }, 60_000);
});
