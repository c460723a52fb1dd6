import type { Aks } from '../arm/index.js';
import type { SimClock } from '../clock.js';
import { updateMember } from './member-upgrade.js';
import {
  isDone,
  type GroupRunStatus,
  type MemberRunStatus,
  type RunState,
  type StageRunStatus,
  type UpdateState,
  type UpdateStatus,
} from './state.js';

/** What the engine needs: the clock, and each member's cluster by resource id. */
export interface EngineDeps {
  clock: SimClock;
  clusterOf(resourceId: string): Aks | undefined;
}

/** How often a wait after a stage looks for a skip or a stop (simulated ms). */
const WAIT_STEP_MS = 1_000;

/**
 * Runs (or resumes) an update run: stages one after another, the groups of a stage and the
 * members of a group at the same time, a wait after each stage. A member that fails fails its
 * group, its stage and the run, which then stops; a later start retries what is not done.
 */
export function startRun(run: RunState, deps: EngineDeps): void {
  run.stopRequested = false;
  set(run.status, 'Running', deps.clock);
  delete run.status.error;
  delete run.status.completedTime;
  run.loop ??= loop(run, deps).finally(() => delete run.loop);
}

/** Asks the run to stop: no member starts any more; members updating now finish first. */
export function stopRun(run: RunState, deps: EngineDeps): Promise<void> {
  run.stopRequested = true;
  if (!run.loop) {
    set(run.status, 'Stopped', deps.clock);
    return Promise.resolve();
  }
  set(run.status, 'Stopping', deps.clock);
  return run.loop;
}

async function loop(run: RunState, deps: EngineDeps): Promise<void> {
  for (const stage of run.stages) {
    if (
      isDone(stage.status) &&
      (!stage.afterStageWaitStatus || isDone(stage.afterStageWaitStatus.status))
    )
      continue;
    if (run.stopRequested) return stopped(run, deps);
    if (!isDone(stage.status)) {
      set(stage.status, 'Running', deps.clock);
      await Promise.all(stage.groups.map((g) => runGroup(g, run, deps)));
      if (stage.groups.some((g) => g.status.state === 'Failed')) {
        set(stage.status, 'Failed', deps.clock);
        return failed(run, deps, `Stage ${stage.name} failed: a member could not be updated.`);
      }
      if (stage.groups.some((g) => !isDone(g.status))) {
        set(stage.status, 'Stopped', deps.clock);
        return stopped(run, deps);
      }
      set(stage.status, 'Completed', deps.clock);
    }
    if (!(await afterStageWait(stage, run, deps))) return stopped(run, deps);
  }
  set(run.status, 'Completed', deps.clock);
}

async function runGroup(group: GroupRunStatus, run: RunState, deps: EngineDeps): Promise<void> {
  if (isDone(group.status)) return;
  set(group.status, 'Running', deps.clock);
  await Promise.all(group.members.map((m) => runMember(m, run, deps)));
  const states = group.members.map((m) => m.status.state);
  const next: UpdateState = states.includes('Failed')
    ? 'Failed'
    : states.every((s) => s === 'Completed' || s === 'Skipped')
      ? 'Completed'
      : 'Stopped';
  set(group.status, next, deps.clock);
}

async function runMember(member: MemberRunStatus, run: RunState, deps: EngineDeps): Promise<void> {
  if (isDone(member.status) || run.stopRequested) return;
  const aks = deps.clusterOf(member.clusterResourceId);
  set(member.status, 'Running', deps.clock);
  delete member.status.error;
  delete member.message;
  if (!aks) {
    member.status.error = {
      code: 'MemberNotFound',
      message: `Cluster ${member.clusterResourceId} was not found.`,
    };
    set(member.status, 'Failed', deps.clock);
    return;
  }
  const outcome = await updateMember(aks, run.update, (id) => (member.operationId = id));
  if (outcome.operationId) member.operationId = outcome.operationId;
  if (outcome.ok) {
    if (outcome.message) member.message = outcome.message;
    set(member.status, 'Completed', deps.clock);
    return;
  }
  member.message = outcome.message;
  member.status.error = { code: outcome.code, message: outcome.message };
  set(member.status, 'Failed', deps.clock);
}

/** The wait after a stage, counted in simulated seconds; false when a stop cut it short. */
async function afterStageWait(
  stage: StageRunStatus,
  run: RunState,
  deps: EngineDeps,
): Promise<boolean> {
  const wait = stage.afterStageWaitStatus;
  if (!wait || isDone(wait.status)) return true;
  if (wait.status.state !== 'Running') set(wait.status, 'Running', deps.clock);
  const started = Date.parse(wait.status.startTime ?? new Date(deps.clock.now()).toISOString());
  const endsAt = started + deps.clock.wallMs(wait.waitDurationInSeconds * 1000);
  while (deps.clock.now() < endsAt) {
    if (isDone(wait.status)) return true; // skipped while waiting
    if (run.stopRequested) return false;
    await deps.clock.sleep(Math.min(WAIT_STEP_MS, (endsAt - deps.clock.now()) * deps.clock.speed));
  }
  if (!isDone(wait.status)) set(wait.status, 'Completed', deps.clock);
  return true;
}

function failed(run: RunState, deps: EngineDeps, message: string): void {
  run.status.error = { code: 'UpdateRunFailed', message };
  set(run.status, 'Failed', deps.clock);
}

function stopped(run: RunState, deps: EngineDeps): void {
  set(run.status, 'Stopped', deps.clock);
}

/** Moves a status on, stamping start and completion times as the service does. */
function set(status: UpdateStatus, state: UpdateState, clock: SimClock): void {
  const now = new Date(clock.now()).toISOString();
  status.state = state;
  if (state === 'Running' && !status.startTime) status.startTime = now;
  if (['Completed', 'Failed', 'Skipped', 'Stopped'].includes(state)) status.completedTime = now;
  else delete status.completedTime;
}
