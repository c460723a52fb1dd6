import type { ListedCluster } from '../model/arm.js';
import type { InventoryRow } from '../model/inventory.js';
import type { PickableCluster } from '../model/pickable-cluster.js';
import type { SubscriptionClusters, SubscriptionScope } from '../runbook/subscription-clusters.js';
import type { TargetOptions } from '../target/options.js';
import { fleetAccess } from './access.js';
import { readInventory } from './inventory.js';

/**
 * The clusters the TUI's picker offers, from the Resource Graph inventory (the list and risk order
 * of `fleet inventory`): one subscription's, or every one the identity can see.
 */
export async function inventoryClusters(
  scope: SubscriptionScope,
  env: NodeJS.ProcessEnv,
): Promise<SubscriptionClusters> {
  const target = {
    cloud: scope.cloud,
    demo: false,
    ...(scope.simConnection ? { simConnection: scope.simConnection } : {}),
  };
  const access = await fleetAccess(target, env, scope.mode);
  try {
    const subscriptions =
      scope.allSubscriptions || !scope.subscription ? undefined : [scope.subscription];
    const inventory = await readInventory(access, subscriptions);
    const seen = new Set(inventory.rows.map((r) => r.subscriptionId));
    return {
      subscriptionId: scope.subscription ?? [...seen].join(', '),
      ...(subscriptions ? {} : { scope: `all ${seen.size} subscriptions you can see` }),
      clusters: inventory.rows.map(pickableOf),
      targetOf: (c: ListedCluster): TargetOptions => ({
        ...target,
        subscription: c.subscriptionId,
        resourceGroup: c.resourceGroup,
        name: c.name,
      }),
    };
  } finally {
    await access.close();
  }
}

/** One inventory row as the picker shows it (pure). */
export function pickableOf(row: InventoryRow): PickableCluster {
  const picked: PickableCluster = {
    subscriptionId: row.subscriptionId,
    resourceGroup: row.resourceGroup,
    name: row.name,
    location: row.location,
    support: row.support,
    signals: row.risks.slice(0, 3),
  };
  if (row.kubernetesVersion) picked.kubernetesVersion = row.kubernetesVersion;
  if (row.provisioningState) picked.provisioningState = row.provisioningState;
  if (row.powerState) picked.powerState = row.powerState;
  if (row.fleet) picked.fleet = `${row.fleet.fleet}/${row.fleet.group ?? '-'}`;
  return picked;
}
