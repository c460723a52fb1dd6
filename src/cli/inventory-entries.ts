import { fleetAccess } from '../fleet/access.js';
import { readInventory } from '../fleet/inventory.js';
import { UserError } from '../model/errors.js';
import type { ClusterEntry } from './clusters-file.js';
import type { ClusterSource } from './run-audit-many.js';

/**
 * The clusters of `audit --all-subscriptions`: the inventory's, riskiest first, each reached by its
 * ARM coordinates (through the simulator when `--sim-connection` is given). Reading only.
 */
export async function inventoryEntries(
  source: Extract<ClusterSource, { kind: 'inventory' }>,
  env: NodeJS.ProcessEnv,
): Promise<ClusterEntry[]> {
  const target = {
    cloud: source.cloud,
    demo: false,
    ...(source.simConnection !== undefined ? { simConnection: source.simConnection } : {}),
  };
  const access = await fleetAccess(target, env, { readOnly: true, dryRun: false });
  try {
    const { rows } = await readInventory(access, undefined);
    if (rows.length === 0)
      throw new UserError('no AKS cluster is visible in any subscription to audit');
    const several = new Set(rows.map((r) => r.subscriptionId)).size > 1;
    return rows.map((r) => ({
      label: `${several ? `${r.subscriptionId.slice(0, 8)}/` : ''}${r.resourceGroup}/${r.name}`,
      target: {
        ...target,
        subscription: r.subscriptionId,
        resourceGroup: r.resourceGroup,
        name: r.name,
      },
    }));
  } finally {
    await access.close();
  }
}
