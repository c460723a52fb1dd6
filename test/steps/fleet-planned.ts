import { fleetPort } from '../../src/fleet/tui-port.js';
import type { Simulator } from '../../src/sim/simulator.js';
import { makeFleetStep } from '../../src/steps/fleet/index.js';
import { stepSession } from '../e2e/security-step-session.js';
import { tempDir } from '../helpers/temp-dir.js';
import { until } from '../helpers/until.js';

/** The fleet step open on `sim` (scenario `fleet`), fast polls, its update run planned (`p`). */
export async function fleetPlanned(sim: Simulator, stateName: string) {
  const env = {
    XDG_STATE_HOME: tempDir(`${stateName}-`),
    AKS_RUNBOOK_FLEET_POLL_MS: '20',
    AKS_RUNBOOK_RETRY_WAIT_MAX: '0.01',
  };
  const s = await stepSession(sim, 'fleet', makeFleetStep(fleetPort(env)));
  await s.host.open('fleet');
  await s.host.send('fleet', { type: 'action', key: 'p' });
  await until(() => s.view().result?.some((l) => l.includes('Planned;')), 'the plan', 30_000);
  return s;
}
