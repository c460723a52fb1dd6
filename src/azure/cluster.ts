import type { AgentPool, ContainerServiceClient } from '@azure/arm-containerservice';
import type { ArmClusterFacts, ArmCoordinates } from '../model/arm.js';
import { describeArmError } from './errors.js';

/** Reads the managed cluster and every agent pool. Failures become one-line `UserError`s. */
export async function readArmCluster(
  client: ContainerServiceClient,
  at: ArmCoordinates,
): Promise<ArmClusterFacts> {
  try {
    // Independent reads, asked at once (each ARM call costs a round trip of 100-300 ms).
    const [cluster, pools] = await Promise.all([
      client.managedClusters.get(at.resourceGroup, at.name),
      (async () => {
        const all: AgentPool[] = [];
        for await (const pool of client.agentPools.list(at.resourceGroup, at.name)) all.push(pool);
        return all;
      })(),
    ]);
    return { cluster, pools };
  } catch (error) {
    throw describeArmError(error, at, 'read the cluster');
  }
}

/** The operator's kubeconfig for the cluster (listClusterUserCredential), kept in memory only. */
export async function fetchUserKubeconfig(
  client: ContainerServiceClient,
  at: ArmCoordinates,
): Promise<string> {
  try {
    const result = await client.managedClusters.listClusterUserCredentials(
      at.resourceGroup,
      at.name,
    );
    const value = result.kubeconfigs?.[0]?.value;
    if (!value) throw new Error('ARM returned no kubeconfig for the cluster user');
    return new TextDecoder().decode(value);
  } catch (error) {
    throw describeArmError(error, at, 'get your cluster credentials');
  }
}
