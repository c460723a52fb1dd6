import type {
  AgentPool,
  AgentPoolUpgradeProfile,
  KubernetesVersion,
  ManagedCluster,
  ManagedClusterUpgradeProfile,
} from '@azure/arm-containerservice';

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

/** The ARM reads the upgrades step makes, as the SDK returns them. */
export interface ArmVersionReads {
  cluster: ManagedCluster;
  pools: AgentPool[];
  profile: ManagedClusterUpgradeProfile;
  poolProfiles: Record<string, AgentPoolUpgradeProfile | undefined>;
  versions: KubernetesVersion[];
  /** The planned maintenance configurations by name, or why they could not be read. */
  maintenance: { names: string[] } | { unreadable: string };
}

/** One entry of the ARM permissions API answer (one per role the caller holds at the scope). */
export interface ArmPermission {
  actions?: string[];
  notActions?: string[];
}
