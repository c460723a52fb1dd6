/** One Fleet Manager fleet of a scenario: its hub's place, members and update strategies. */
export interface FleetSpec {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  members: FleetMemberSpec[];
  strategies: FleetStrategySpec[];
}

/** A member: a cluster of the scenario (by resource group and name) in an update group. */
export interface FleetMemberSpec {
  name: string;
  /** The member cluster's subscription (the fleet's when absent). */
  subscriptionId?: string;
  resourceGroup: string;
  cluster: string;
  group?: string;
}

/** An update strategy: stages run in order, their groups in parallel, a wait after each stage. */
export interface FleetStrategySpec {
  name: string;
  stages: Array<{ name: string; groups: string[]; afterStageWaitInSeconds?: number }>;
}
