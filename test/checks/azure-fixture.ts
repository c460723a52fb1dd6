import type { ManagedCluster } from '@azure/arm-containerservice';
import { BARE_AT, PROFILES_AT } from '../fixtures/arm.js';
import { replayClient } from '../fixtures/arm-replay.js';

/**
 * One of our ManagedClusters_Get fixtures as the checks receive it: read through the real SDK
 * client (flattened `properties`, SDK names such as `enableAzureRbac`), answered in memory.
 */
export async function fixtureCluster(
  which: 'managed-cluster-bare' | 'managed-cluster-profiles',
): Promise<ManagedCluster> {
  const at = which === 'managed-cluster-bare' ? BARE_AT : PROFILES_AT;
  const { client } = replayClient([
    {
      method: 'GET',
      path: `/subscriptions/${at.subscriptionId}/resourceGroups/${at.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${at.name}`,
      answers: [which],
    },
  ]);
  return client.managedClusters.get(at.resourceGroup, at.name);
}
