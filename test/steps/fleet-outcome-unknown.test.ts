// The fleet step starting an update run whose POST got no answer (the connection reset, its
// retries too): the step says the request was sent and its outcome is unknown, with the
// `az fleet updaterun show` that tells; the session journal records `unknown` (it once recorded
// `failed`, and the screen said "✖ cannot reach …" as if Azure had refused), so the next session
// on the cluster offers it, marked as such.
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fleetPort } from '../../src/fleet/tui-port.js';
import { Journal } from '../../src/runbook/journal.js';
import { detectResume } from '../../src/runbook/resume.js';
import { FLEET_SUBSCRIPTIONS } from '../../src/sim/scenarios/fleet.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { makeFleetStep } from '../../src/steps/fleet/index.js';
import { stepSession } from '../e2e/security-step-session.js';
import { tempDir } from '../helpers/temp-dir.js';
import { until } from '../helpers/until.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('fleet step: an update run start whose answer never came', () => {
  it('outcome unknown on screen with the command that tells, journaled unknown, offered next session', async () => {
    sim = await startSimulator({
      scenario: 'fleet',
      speed: 6000,
      faults: { api: 'arm', reset: 1, pathPattern: '/updateRuns/[^/]+/start$' },
    });
    const env = {
      XDG_STATE_HOME: tempDir('fleet-unknown-'),
      AKS_RUNBOOK_FLEET_POLL_MS: '20',
      AKS_RUNBOOK_RETRY_WAIT_MAX: '0.01',
    };
    const s = await stepSession(sim, 'fleet', makeFleetStep(fleetPort(env)));
    const at = s.connection.arm!.at;
    await s.journal.note('connect', 'connected', { server: s.connection.kubeServer, arm: at });
    await s.host.open('fleet');
    await s.host.send('fleet', { type: 'action', key: 'p' });
    await until(() => s.view().result?.some((l) => l.includes('Planned;')), 'the plan', 30_000);
    const sent = s.host.send('fleet', { type: 'action', key: 's' });
    const asked = await until(() => s.store.getState().confirmation, 'the confirmation');
    expect(asked.typed).toBe('fleet-contoso');
    s.store.answer(true);
    await sent;
    const result = s.view().result ?? [];
    const run = /update run (\S+)/.exec(result[0] ?? '')?.[1];
    expect(result[0]).toMatch(
      /^⚠ The request to create and start update run \S+ got no answer; its outcome is unknown\. No answer came to the request, so Azure may or may not have accepted it: cannot reach Azure Resource Manager while trying to start update run \S+; /,
    );
    expect(result).toContain(
      'It may be running in Azure, or may never have started: do not send it again before checking.',
    );
    expect(result.join('\n')).toContain(
      `Check it: az fleet updaterun show -g rg-fleet --fleet-name fleet-contoso -n ${run} --query status.status.state --subscription ${FLEET_SUBSCRIPTIONS.prod} (Running or Completed: it started;`,
    );
    expect(result.join('\n')).not.toMatch(/✖|socket hang up|ECONNRESET|refused or failed/);
    expect(s.store.getState().steps.fleet.kind).not.toBe('failed');
    const lines = await s.journalLines();
    expect(lines.find((r) => r['type'] === 'result')).toMatchObject({ outcome: 'unknown' });

    // The next session on this cluster offers it as sent with its outcome unknown.
    const next = await Journal.open({
      cluster: s.connection.summary.name,
      mode: { readOnly: false, dryRun: false, demo: false },
      env: {},
      dir: dirname(s.journal.path),
    });
    const offer = await detectResume(next, { cluster: s.connection.summary.name, arm: at });
    await next.close();
    expect(offer?.intents).toEqual([
      expect.objectContaining({
        step: 'fleet',
        action: 'create and start update run',
        target: `fleet/fleet-contoso/${run}`,
        outcomeUnknown: true,
      }),
    ]);
    await s.host.stop();
  }, 60_000);
});
