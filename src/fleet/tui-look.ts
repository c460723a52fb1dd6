import { createFleetClient } from '../azure/fleet-client.js';
import { createResourceGraphClient, queryAllPages } from '../azure/resource-graph.js';
import { compareVersions } from '../checks/versions/semver.js';
import type { Connection } from '../model/connection.js';
import type { FleetInfo, FleetLook, FleetRef } from '../model/fleet-look.js';
import type { FleetAccess } from './access.js';
import { fleetError } from './errors.js';
import { FLEET_MEMBERS_QUERY } from './graph-queries.js';
import { membershipsOf } from './graph-rows.js';
import { runViewOf } from './run-view.js';

const FLEET_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerService\/fleets\/([^/]+)$/i;

const FLEETS_QUERY = `resources
| where type =~ 'microsoft.containerservice/fleets'
| project id
| order by id asc`;

/**
 * The fleets around the connected cluster (the one it is a member of, and those in its
 * subscription) with members, strategies and runs; and the region's Kubernetes versions. Reads only.
 */
export async function lookAtFleets(access: FleetAccess, c: Connection): Promise<FleetLook> {
  const arm = c.arm!;
  const graph = createResourceGraphClient(access.connection);
  const [fleetRows, memberRows] = await Promise.all([
    queryAllPages(graph, FLEETS_QUERY),
    queryAllPages(graph, FLEET_MEMBERS_QUERY),
  ]).catch((e: unknown) => {
    throw fleetError(e, 'list the Fleet Manager fleets through Azure Resource Graph');
  });
  const clusterId = `/subscriptions/${arm.at.subscriptionId}/resourceGroups/${arm.at.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${arm.at.name}`;
  const own = membershipsOf(memberRows).get(clusterId.toLowerCase());
  const refs = fleetRows
    .map((r) => FLEET_ID.exec(typeof r['id'] === 'string' ? r['id'] : ''))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m): FleetRef => ({ subscriptionId: m[1]!, resourceGroup: m[2]!, name: m[3]!, id: m[0] }))
    .filter(
      (f) =>
        f.id.toLowerCase() === own?.fleetId.toLowerCase() ||
        f.subscriptionId.toLowerCase() === arm.at.subscriptionId.toLowerCase(),
    );
  const fleets = await Promise.all(refs.map((at) => readFleet(access, at)));
  return {
    fleets,
    ...(own
      ? {
          membership: {
            fleet: own.fleet,
            member: own.member,
            ...(own.group ? { group: own.group } : {}),
          },
        }
      : {}),
    versions: await regionVersions(c),
  };
}

async function readFleet(access: FleetAccess, at: FleetRef): Promise<FleetInfo> {
  const client = createFleetClient({ ...access.connection, subscriptionId: at.subscriptionId });
  const info: FleetInfo = { at, members: [], strategies: [], runs: [] };
  try {
    for await (const m of client.fleetMembers.listByFleet(at.resourceGroup, at.name)) {
      const id = m.properties?.clusterResourceId ?? '';
      const parts = /\/resourceGroups\/([^/]+)\/providers\/[^/]+\/managedClusters\/([^/]+)$/i.exec(
        id,
      );
      info.members.push({
        name: m.name ?? '?',
        cluster: parts ? `${parts[1]}/${parts[2]}` : id,
        ...(m.properties?.group ? { group: m.properties.group } : {}),
      });
    }
    for await (const s of client.fleetUpdateStrategies.listByFleet(at.resourceGroup, at.name))
      info.strategies.push({
        name: s.name ?? '?',
        ...(s.id ? { id: s.id } : {}),
        stages: (s.properties?.strategy.stages ?? []).map((st) => ({
          name: st.name,
          groups: (st.groups ?? []).map((g) => g.name),
          ...(st.afterStageWaitInSeconds
            ? { afterStageWaitInSeconds: st.afterStageWaitInSeconds }
            : {}),
        })),
      });
    for await (const r of client.updateRuns.listByFleet(at.resourceGroup, at.name)) {
      const view = runViewOf(r, at.name);
      info.runs.push({ name: view.name, state: view.state, change: view.change });
    }
  } catch (error) {
    throw fleetError(error, `read fleet ${at.name}`);
  }
  return info;
}

/** Every non-preview patch version AKS offers in the cluster's region, newest first. */
async function regionVersions(c: Connection): Promise<string[]> {
  const arm = c.arm!;
  const location = arm.facts.cluster.location;
  if (!location) return [];
  const list = await arm.client.managedClusters.listKubernetesVersions(location).catch(() => ({
    values: [],
  }));
  const versions = (list.values ?? [])
    .filter((v) => !v.isPreview)
    .flatMap((v) => Object.keys(v.patchVersions ?? {}));
  return [...new Set(versions)].sort((a, b) => compareVersions(b, a));
}
