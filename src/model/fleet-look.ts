// What the TUI's fleet step knows of Fleet Manager: the fleets around the connected cluster, their
// members, strategies and runs, and what an update run to plan is made of. Types only.

/** Where a fleet is. */
export interface FleetRef {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  id: string;
}

/** One member cluster of a fleet and its update group. */
export interface FleetMemberInfo {
  name: string;
  /** `resourceGroup/name` of its cluster. */
  cluster: string;
  group?: string;
}

/** An update strategy: stages, each with its groups and the wait after it. */
export interface FleetStrategyInfo {
  name: string;
  id?: string;
  stages: Array<{ name: string; groups: string[]; afterStageWaitInSeconds?: number }>;
}

/** An update run as listed: its name, state and change. */
export interface FleetRunInfo {
  name: string;
  state: string;
  change: string;
}

/** One fleet with what it holds. */
export interface FleetInfo {
  at: FleetRef;
  members: FleetMemberInfo[];
  strategies: FleetStrategyInfo[];
  runs: FleetRunInfo[];
}

/** What the fleet step looked at: the fleets that concern this cluster, and target versions. */
export interface FleetLook {
  /** Fleets the cluster is a member of, or that live in its subscription. */
  fleets: FleetInfo[];
  /** Where the connected cluster sits in a fleet, if it does. */
  membership?: { fleet: string; member: string; group?: string };
  /** Kubernetes versions AKS offers in the cluster's region (newest first, no previews). */
  versions: string[];
}

/** The kinds of update a run makes. */
export const FLEET_UPGRADE_TYPES = ['Full', 'ControlPlaneOnly', 'NodeImageOnly'] as const;
export type FleetUpgradeType = (typeof FLEET_UPGRADE_TYPES)[number];

/** An update run to plan or start. */
export interface FleetRunRequest {
  fleet: FleetRef;
  /** The strategy's stages; absent: one member after the other. */
  strategy?: FleetStrategyInfo;
  type: FleetUpgradeType;
  kubernetesVersion?: string;
  nodeImage: 'Latest' | 'Consistent';
  /** The update run's name. */
  name: string;
}

/** A part of a run to skip. */
export interface FleetSkipTarget {
  type: 'Member' | 'Group' | 'Stage' | 'AfterStageWait';
  name: string;
}
