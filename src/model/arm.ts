import type { AgentPool, ManagedCluster } from '@azure/arm-containerservice';

/** The ARM coordinates of a cluster. */
export interface ArmCoordinates {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/** The AKS cluster resource and its agent pools, as ARM reports them now. */
export interface ArmClusterFacts {
  cluster: ManagedCluster;
  pools: AgentPool[];
}

/** A managed cluster as the subscription's list shows it (enough to pick one and reach it). */
export interface ListedCluster {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  kubernetesVersion?: string;
  /** ARM's provisioning state, e.g. Succeeded, Upgrading, Failed. */
  provisioningState?: string;
  /** Running or Stopped. */
  powerState?: string;
}
