import type { SimClock } from '../clock.js';
import type { RunState, UpdateStatus } from './state.js';

/** A skip target as the wire names it. */
export interface SkipTarget {
  type?: string;
  name?: string;
}

/**
 * Marks targets Skipped: a member, group or stage not finished and not updating now (a failed
 * member may be skipped), or the wait after a stage. `name` of a group is `stage/group`, of a
 * member `stage/group/member` or the member's name, of a wait the stage's name. Returns why not.
 */
export function skipTargets(
  run: RunState,
  targets: SkipTarget[],
  clock: SimClock,
): string | undefined {
  if (targets.length === 0) return 'Name at least one target to skip.';
  if (['Completed', 'Stopping'].includes(run.status.state))
    return `Update run ${run.name} is ${run.status.state}; nothing can be skipped now.`;
  const found: UpdateStatus[][] = [];
  for (const t of targets) {
    const statuses = lookUp(run, t);
    if (typeof statuses === 'string') return statuses;
    const busy = statuses.find((s) => s.state === 'Running');
    if (busy && t.type !== 'AfterStageWait')
      return `${t.type} ${t.name} is updating now and cannot be skipped.`;
    if (statuses.every((s) => s.state === 'Completed'))
      return `${t.type} ${t.name} has completed already.`;
    found.push(statuses);
  }
  const now = new Date(clock.now()).toISOString();
  for (const statuses of found)
    for (const s of statuses) {
      if (s.state === 'Completed') continue;
      s.state = 'Skipped';
      s.completedTime = now;
    }
  return undefined;
}

function lookUp(run: RunState, t: SkipTarget): UpdateStatus[] | string {
  const name = t.name ?? '';
  const parts = name.split('/');
  switch (t.type) {
    case 'Stage': {
      const stage = run.stages.find((s) => s.name === name);
      if (!stage) return `No stage ${name} in update run ${run.name}.`;
      return [
        stage.status,
        ...stage.groups.flatMap((g) => [g.status, ...g.members.map((m) => m.status)]),
        ...(stage.afterStageWaitStatus ? [stage.afterStageWaitStatus.status] : []),
      ];
    }
    case 'Group': {
      const groups = run.stages.flatMap((s) => s.groups.map((g) => ({ stage: s.name, g })));
      const hit = groups.find((x) => `${x.stage}/${x.g.name}` === name || x.g.name === name);
      if (!hit) return `No group ${name} in update run ${run.name}.`;
      return [hit.g.status, ...hit.g.members.map((m) => m.status)];
    }
    case 'Member': {
      const members = run.stages.flatMap((s) =>
        s.groups.flatMap((g) =>
          g.members.map((m) => ({ path: `${s.name}/${g.name}/${m.name}`, m })),
        ),
      );
      const hit = members.find((x) => x.path === name || x.m.name === parts.at(-1));
      if (!hit) return `No member ${name} in update run ${run.name}.`;
      return [hit.m.status];
    }
    case 'AfterStageWait': {
      const stage = run.stages.find((s) => s.name === name);
      if (!stage?.afterStageWaitStatus)
        return `Stage ${name} has no wait after it in update run ${run.name}.`;
      return [stage.afterStageWaitStatus.status];
    }
    default:
      return `Skip target type ${t.type ?? '(none)'} is not Member, Group, Stage or AfterStageWait.`;
  }
}
