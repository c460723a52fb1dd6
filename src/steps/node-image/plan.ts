import type { ImagePool } from '../../checks/nodeimage/facts.js';
import { batchSettingsText, batchText, upgradeBatch } from '../../checks/versions/upgrade-batch.js';
import { plural } from '../../model/plural.js';
import { capacityLoss, capacityWords } from '../../checks/versions/capacity-loss.js';

/**
 * A pool's node image upgrade in words: the request, and how AKS takes the nodes by the pool's
 * upgrade settings (surge nodes first with maxSurge above 0; in place, no surge, with maxSurge 0),
 * plus the confirmation's one-line change. Pure.
 */
export function nodeImagePlan(
  pool: ImagePool,
  cluster: string,
): { lines: string[]; change: string } {
  const latest = pool.latestNodeImageVersion ?? '';
  const settings = pool.drain ?? {};
  const count = pool.count ?? pool.nodes.length;
  const batch = upgradeBatch(settings, count);
  const loss = capacityLoss(settings, count);
  const nodes = count === 1 ? 'its node' : `each of its ${plural(count, 'node')}`;
  const how = batch.noDrain
    ? `AKS adds no surge node to a Spot pool and does not drain it: it cordons ${nodes}, sends the pods an eviction notice (PodDisruptionBudgets not honoured) and reimages in place`
    : batch.mode === 'in-place'
      ? `AKS adds no surge node: it cordons, drains and reimages ${nodes} in place`
      : `AKS adds surge nodes, then cordons, drains and reimages ${nodes}`;
  return {
    lines: [
      `POST …/agentPools/${pool.name}/upgradeNodeImageVersion (no body)`,
      `Pool ${pool.name}: ${pool.nodeImageVersion ?? '?'} → ${latest}; ${how}; same Kubernetes version.`,
      `${batchSettingsText(settings)}: ${batchText(batch)}.`,
      ...(loss ? [capacityWords(pool.name, loss)] : []),
    ],
    change: `Upgrade the node image of pool ${pool.name} on ${cluster} to ${latest} (${batch.noDrain ? 'Spot pool: in place, no surge nodes and no drain, budgets not honoured' : batch.mode === 'in-place' ? 'in place, no surge nodes: every node drained and reimaged' : 'surge nodes first, then every node drained and replaced or reimaged'})${loss?.path === 'planned' ? (loss.left === 0 ? '; the pool has no ready node meanwhile' : `; only ${loss.left} of ${loss.count} nodes ready at a time`) : ''}`,
  };
}
