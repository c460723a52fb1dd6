/** An update run's status as the tool shows it: stage -> group -> member, each with its state. */
export interface RunView {
  name: string;
  fleet: string;
  state: string;
  error?: string;
  change: string;
  stages: Array<{
    name: string;
    state: string;
    groups: Array<{
      name: string;
      state: string;
      members: Array<{ name: string; cluster: string; state: string; message?: string }>;
    }>;
    wait?: { seconds: number; state: string; startedAt?: number };
  }>;
}

/** Update states after which nothing more happens without the operator. */
export const FINAL_RUN_STATES = ['Completed', 'Failed', 'Stopped', 'Skipped'];

/** How ready a member is for the update. */
export type Readiness = 'ready' | 'blocked' | 'warning' | 'unknown' | 'up-to-date';

/** One member in the run's order, with its verdict and why. */
export interface PlannedMember {
  order: number;
  stage: string;
  group: string;
  member: string;
  cluster: string;
  current?: string;
  target: string;
  readiness: Readiness;
  reasons: string[];
}

/** The order and readiness of a run, before it starts. */
export interface UpdatePlan {
  stages: Array<{
    name: string;
    waitSeconds?: number;
    groups: Array<{ name: string; members: PlannedMember[] }>;
  }>;
  /** Members in no group of the strategy: the run leaves them alone. */
  leftOut: string[];
  blocked: number;
}
