import type {
  AgentPoolUpgradeProfile,
  ContainerServiceClient,
  KubernetesVersion,
} from '@azure/arm-containerservice';
import type { ArmVersionReads } from '../model/arm.js';
import type { ArmCoordinates } from '../model/arm.js';
import { describeArmError } from './errors.js';
import { readArmCluster } from './cluster.js';
import { type ArmClusterFacts } from '../model/arm.js';

/**
 * Everything the upgrades and node-image steps read from ARM: the cluster and pools, the cluster
 * and pool upgrade profiles, the region's versions and the planned maintenance configurations.
 * `known` is the cluster and pools when the caller already holds them (read otherwise).
 */
export async function readVersionReads(
  client: ContainerServiceClient,
  at: ArmCoordinates,
  known?: Promise<ArmClusterFacts>,
): Promise<ArmVersionReads> {
  // The cluster's profile and maintenance windows need nothing from the cluster read: asked now.
  const profile = client.managedClusters.getUpgradeProfile(at.resourceGroup, at.name);
  const maintenance = readMaintenance(client, at);
  profile.catch(() => undefined);
  const { cluster, pools } = await (known ?? readArmCluster(client, at));
  try {
    const [clusterProfile, poolProfiles, versions] = await Promise.all([
      profile,
      Promise.all(
        pools.map(async (p): Promise<[string, AgentPoolUpgradeProfile]> => [
          p.name ?? '',
          await client.agentPools.getUpgradeProfile(at.resourceGroup, at.name, p.name ?? ''),
        ]),
      ),
      client.managedClusters
        .listKubernetesVersions(cluster.location)
        .then((r): KubernetesVersion[] => r.values ?? []),
    ]);
    return {
      cluster,
      pools,
      profile: clusterProfile,
      poolProfiles: Object.fromEntries(poolProfiles),
      versions,
      maintenance: await maintenance,
    };
  } catch (error) {
    throw describeArmError(error, at, 'read the upgrade profiles');
  }
}

async function readMaintenance(
  client: ContainerServiceClient,
  at: ArmCoordinates,
): Promise<ArmVersionReads['maintenance']> {
  try {
    const names: string[] = [];
    for await (const m of client.maintenanceConfigurations.listByManagedCluster(
      at.resourceGroup,
      at.name,
    ))
      names.push(m.name ?? '?');
    return { names };
  } catch (error) {
    return {
      unreadable: describeArmError(error, at, 'read the planned maintenance configurations')
        .message,
    };
  }
}
