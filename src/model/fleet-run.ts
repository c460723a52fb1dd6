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

/** The states Fleet Manager reports for a run, stage, group, member or wait (UpdateState). */
export type RunState =
  | 'NotStarted'
  | 'Running'
  | 'Stopping'
  | 'Stopped'
  | 'Skipped'
  | 'Failed'
  | 'Pending'
  | 'Completed';

/** Update states after which nothing more happens without the operator. */
export const FINAL_RUN_STATES: readonly RunState[] = ['Completed', 'Failed', 'Stopped', 'Skipped'];

/**
 * Whether an update state (of a run, stage, group, member or wait) is one of `states`. ARM enum
 * values match without regard to case: Azure may report `running` or `SUCCEEDED`.
 */
export function isRunState(
  state: string | null | undefined,
  ...states: readonly string[]
): boolean {
  const s = state?.trim().toLowerCase();
  return s !== undefined && states.some((k) => k.toLowerCase() === s);
}

/** Whether an update state is final: nothing more happens without the operator. */
export function isFinalRunState(state: string | null | undefined): boolean {
  return isRunState(state, ...FINAL_RUN_STATES);
}

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
