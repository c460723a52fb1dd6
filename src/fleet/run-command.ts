import { UserError } from '../model/errors.js';
import { renderRun } from '../report/render-update-run.js';
import { createFleetClient } from '../azure/fleet-client.js';
import type { FleetAccess } from './access.js';
import { followRun } from './follow.js';
import { locateFleet } from './locate.js';
import { planRun } from './run-plan.js';
import { exitOf, getRun } from './run-read.js';
import { pollMs, type RunIo, type RunRequest } from './run-request.js';
import { startUpdateRun } from './run-start.js';
import { stopOrSkipRun } from './run-stop-skip.js';
import { runViewOf } from './run-view.js';

/**
 * `fleet run plan|start|show|stop|skip`. Exit codes: 0 done (a run followed to Completed, or a
 * plan, a show, a change accepted), 1 a run that ended Failed or Stopped, or a change cancelled at
 * the confirmation, 2 could not be done (bad input, Azure refused, not reachable).
 */
export async function runUpdateRunCommand(
  verb: 'plan' | 'start' | 'show' | 'stop' | 'skip',
  request: RunRequest,
  access: FleetAccess,
  env: NodeJS.ProcessEnv,
  io: RunIo,
): Promise<number> {
  const fleet = await locateFleet(access, request, env);
  const client = createFleetClient({ ...access.connection, subscriptionId: fleet.subscriptionId });
  if (verb === 'start') return startUpdateRun(fleet, client, request, access, env, io);
  if (verb === 'plan') {
    io.out((await planRun(fleet, client, request, access, env, io, undefined)).text);
    return 0;
  }
  const name = request.name!;
  const current = await getRun(client, fleet, name);
  if (!current)
    throw new UserError(
      `fleet ${fleet.name} has no update run ${name} (fleet run plan, then start)`,
    );
  if (verb === 'show') {
    io.out(renderRun(runViewOf(current, fleet.name), Date.now()));
    if (!request.follow) return 0;
    return exitOf(await followRun(client, fleet, name, io, undefined, pollMs(env)));
  }
  return stopOrSkipRun(verb, fleet, client, name, current, request, access, env, io);
}
