import pLimit from 'p-limit';
import { createContainerServiceClient } from '../azure/client.js';
import { createResourceGraphClient, queryAllPages } from '../azure/resource-graph.js';
import { regionMinors } from '../checks/versions/from-arm.js';
import type { RegionMinor } from '../checks/versions/facts.js';
import { rankByRisk } from '../checks/fleet/inventory-risk.js';
import type { InventoryRow } from '../model/inventory.js';
import type { FleetAccess } from './access.js';
import { fleetError } from './errors.js';
import { CLUSTERS_QUERY, FLEET_MEMBERS_QUERY } from './graph-queries.js';
import { clusterOf, membershipsOf } from './graph-rows.js';

/** What the inventory found, and what it could not read (said, not fatal). */
export interface Inventory {
  rows: InventoryRow[];
  /** Lines about parts left unknown (a region's versions that could not be read). */
  notes: string[];
}

/**
 * Every AKS cluster the identity can see in `subscriptions` (all it can see when undefined), from
 * Resource Graph, with fleet membership and each region's supported versions; riskiest first.
 */
export async function readInventory(
  access: FleetAccess,
  subscriptions: string[] | undefined,
  now = Date.now(),
): Promise<Inventory> {
  const graph = createResourceGraphClient(access.connection);
  const [clusterRows, memberRows] = await Promise.all([
    queryAllPages(graph, CLUSTERS_QUERY, subscriptions).catch((e: unknown) => {
      throw fleetError(e, 'list the AKS clusters through Azure Resource Graph');
    }),
    // Fleets may live in another subscription than their members: asked over all that is visible.
    queryAllPages(graph, FLEET_MEMBERS_QUERY).catch((e: unknown) => {
      throw fleetError(e, 'list the Fleet Manager members through Azure Resource Graph');
    }),
  ]);
  const memberships = membershipsOf(memberRows);
  const notes: string[] = [];
  const regions = await regionVersions(access, clusterRows, notes);
  const clusters = clusterRows.map((row) => {
    const key = `${String(row['subscriptionId'])}/${String(row['location'])}`;
    return clusterOf(row, memberships, regions.get(key), now);
  });
  return { rows: rankByRisk(clusters), notes };
}

/** The Kubernetes versions of each (subscription, region) the clusters are in; four reads at a time. */
async function regionVersions(
  access: FleetAccess,
  rows: ReadonlyArray<Record<string, unknown>>,
  notes: string[],
): Promise<Map<string, RegionMinor[]>> {
  const keys = [
    ...new Set(rows.map((r) => `${String(r['subscriptionId'])}/${String(r['location'])}`)),
  ];
  const limit = pLimit(4);
  const found = new Map<string, RegionMinor[]>();
  await Promise.all(
    keys.map((key) =>
      limit(async () => {
        const [subscriptionId, location] = key.split('/') as [string, string];
        const client = createContainerServiceClient({ ...access.connection, subscriptionId });
        try {
          const list = await client.managedClusters.listKubernetesVersions(location);
          found.set(key, regionMinors(list.values ?? []));
        } catch (error) {
          notes.push(
            `support status unknown in ${location} (subscription ${subscriptionId}): ${fleetError(error, 'list the Kubernetes versions').message}`,
          );
        }
      }),
    ),
  );
  return found;
}
