import { createResourceGraphClient, queryAllPages } from '../azure/resource-graph.js';
import { UserError } from '../model/errors.js';
import type { FleetAccess } from './access.js';
import { fleetError } from './errors.js';

/** Where a fleet is. */
export interface FleetAt {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  id: string;
}

const FLEETS_QUERY = `resources
| where type =~ 'microsoft.containerservice/fleets'
| project id, name, subscriptionId, resourceGroup
| order by id asc`;

/**
 * The fleet the flags name; what they leave out is found through Resource Graph when exactly one
 * visible fleet fits (several: one line listing them).
 */
export async function locateFleet(
  access: FleetAccess,
  flags: { subscription?: string; resourceGroup?: string; fleet?: string },
  env: NodeJS.ProcessEnv,
): Promise<FleetAt> {
  const subscription =
    flags.subscription ?? (access.simulated ? undefined : env['AZURE_SUBSCRIPTION_ID']);
  if (subscription && flags.resourceGroup && flags.fleet) {
    const id = `/subscriptions/${subscription}/resourceGroups/${flags.resourceGroup}/providers/Microsoft.ContainerService/fleets/${flags.fleet}`;
    return {
      subscriptionId: subscription,
      resourceGroup: flags.resourceGroup,
      name: flags.fleet,
      id,
    };
  }
  const graph = createResourceGraphClient(access.connection);
  const rows = await queryAllPages(
    graph,
    FLEETS_QUERY,
    subscription ? [subscription] : undefined,
  ).catch((e: unknown) => {
    throw fleetError(e, 'list the Fleet Manager fleets through Azure Resource Graph');
  });
  const fleets = rows
    .map((r) => (typeof r['id'] === 'string' ? r['id'] : ''))
    .map((id) =>
      /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerService\/fleets\/([^/]+)$/i.exec(
        id,
      ),
    )
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ subscriptionId: m[1]!, resourceGroup: m[2]!, name: m[3]!, id: m[0] }))
    .filter(
      (f) =>
        !flags.resourceGroup || f.resourceGroup.toLowerCase() === flags.resourceGroup.toLowerCase(),
    )
    .filter((f) => !flags.fleet || f.name.toLowerCase() === flags.fleet.toLowerCase());
  if (fleets.length === 1) return fleets[0]!;
  if (fleets.length === 0)
    throw new UserError(
      `no Fleet Manager fleet${flags.fleet ? ` named ${flags.fleet}` : ''} is visible${subscription ? ` in subscription ${subscription}` : ''}; check --fleet, -g and --subscription`,
    );
  throw new UserError(
    `${fleets.length} fleets fit: ${fleets.map((f) => `${f.resourceGroup}/${f.name}`).join(', ')}; name one with -g and --fleet`,
  );
}
