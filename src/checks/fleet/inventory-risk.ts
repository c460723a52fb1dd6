import type { InventoryCluster, InventoryRisk, InventoryRow } from '../../model/inventory.js';
import { nodeOsChannelOf, sameArmValue, upgradeChannelOf } from '../arm-enums.js';
import { onLtsPlan } from '../versions/support.js';

/** How much each risk weighs in the order (the worst first): out of support dominates. */
const WEIGHT: Record<InventoryRisk, number> = {
  unsupported: 100,
  failed: 60,
  'lts-only': 40,
  'public-api': 30,
  'no-entra': 30,
  'local-accounts': 20,
  'image-old': 20,
  'no-defender': 15,
  operation: 10,
  'no-auto-upgrade': 10,
  'no-minor-upgrade': 10,
  'no-node-os-channel': 10,
};

/** Node images older than this many days count as a risk (AKS ships new images weekly). */
export const OLD_IMAGE_DAYS = 60;

/** The risks of one cluster (pure). */
export function risksOf(c: InventoryCluster): InventoryRisk[] {
  const risks: InventoryRisk[] = [];
  if (c.support === 'unsupported') risks.push('unsupported');
  if (c.support === 'lts-only' && !onLtsPlan(c.supportPlan)) risks.push('lts-only');
  if (sameArmValue(c.provisioningState, 'Failed')) risks.push('failed');
  else if (
    c.provisioningState &&
    !['Succeeded', 'Canceled'].some((s) => sameArmValue(c.provisioningState, s))
  )
    risks.push('operation');
  if (c.pools.some((p) => (p.imageAgeDays ?? 0) > OLD_IMAGE_DAYS)) risks.push('image-old');
  // `node-image` never moves the Kubernetes version, as `none` does not.
  if (['none', 'node-image'].includes(upgradeChannelOf(c.upgradeChannel)))
    risks.push('no-auto-upgrade');
  // `patch` moves patches only: the minor falls out of support as on `none`.
  if (upgradeChannelOf(c.upgradeChannel) === 'patch') risks.push('no-minor-upgrade');
  if (!c.nodeOsChannel || ['None', 'Unmanaged'].includes(nodeOsChannelOf(c.nodeOsChannel)))
    risks.push('no-node-os-channel');
  if (!c.entra) risks.push('no-entra');
  if (c.localAccounts) risks.push('local-accounts');
  if (c.api === 'public') risks.push('public-api');
  if (!c.defender) risks.push('no-defender');
  return risks;
}

/** The inventory rows, riskiest first, then by subscription, group and name (pure). */
export function rankByRisk(clusters: readonly InventoryCluster[]): InventoryRow[] {
  return clusters
    .map((c) => {
      const risks = risksOf(c);
      // Support not told (its region's version list unread) may hide `unsupported`: it weighs
      // as much, so less data never ranks a cluster less risky.
      const untold = c.support === 'unknown' ? WEIGHT.unsupported : 0;
      return { ...c, risks, riskScore: risks.reduce((sum, r) => sum + WEIGHT[r], untold) };
    })
    .sort(
      (a, b) =>
        b.riskScore - a.riskScore ||
        a.subscriptionId.localeCompare(b.subscriptionId) ||
        a.resourceGroup.localeCompare(b.resourceGroup) ||
        a.name.localeCompare(b.name),
    );
}
