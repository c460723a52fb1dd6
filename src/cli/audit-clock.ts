import { UserError } from '../model/errors.js';

/**
 * The clock waivers are judged by: now, or `AKS_RUNBOOK_TEST_NOW` (an ISO date or time; for
 * tests only, so expiry can be tried without waiting). Only a simulated cluster takes it: on a
 * real one it could pass a gate on waivers that have run out.
 */
export function auditClock(env: NodeJS.ProcessEnv, simulated: boolean): Date {
  const fixed = env['AKS_RUNBOOK_TEST_NOW'];
  if (fixed === undefined || fixed === '') return new Date();
  if (!simulated) {
    throw new UserError(
      'AKS_RUNBOOK_TEST_NOW is for tests against the simulated cluster (--demo, --sim-connection); unset it',
    );
  }
  const at = new Date(fixed);
  if (Number.isNaN(at.getTime())) {
    throw new UserError(`AKS_RUNBOOK_TEST_NOW="${fixed}" is not a date or time (e.g. 2026-05-01)`);
  }
  return at;
}
