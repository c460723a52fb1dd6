import type { ContainerServiceFleetClient, UpdateRun } from '@azure/arm-containerservicefleet';
import { isRestError } from '@azure/arm-containerservice';
import { isFinalRunState, isRunState } from '../model/fleet-run.js';
import { fleetError } from './errors.js';
import type { FleetAt } from './locate.js';

/** The update run `name` as Azure holds it now, or undefined when the fleet has none. */
export async function getRun(
  client: ContainerServiceFleetClient,
  fleet: FleetAt,
  name: string,
): Promise<UpdateRun | undefined> {
  try {
    return await client.updateRuns.get(fleet.resourceGroup, fleet.name, name);
  } catch (error) {
    if (isRestError(error) && error.statusCode === 404) return undefined;
    throw fleetError(error, `read update run ${name}`);
  }
}

/** The exit code of a followed run: 0 completed (or still going), 1 ended otherwise, 130 interrupted. */
export function exitOf(state: string | undefined): number {
  if (isRunState(state, 'Completed')) return 0;
  if (state === undefined) return 130; // no longer following (interrupted): the run goes on
  return isFinalRunState(state) ? 1 : 0;
}
