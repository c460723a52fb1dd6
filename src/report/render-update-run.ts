import { isRunState, type RunView, type UpdatePlan } from '../model/fleet-run.js';
import { alignColumns } from '../model/text-cells.js';
import { visible } from '../model/visible-text.js';
import { plural } from '../model/plural.js';

/** What a plan says about its blocked members: an update run's, or a one-at-a-time sequence's. */
export type PlanKind = 'run' | 'sequence';

const BLOCKED_ADVICE: Record<PlanKind, (blocked: number) => string> = {
  run: (n) =>
    `${plural(n, 'member')} blocked: the run would fail there. Fix them first, or skip them (fleet run skip --member NAME) once the run is created.`,
  sequence: (n) =>
    `${plural(n, 'cluster')} blocked: the sequence would stop there. Fix them first, or leave them out (--clusters, --where).`,
};

/** The plan of a run, before it starts: the order, versions and readiness of every member. */
export function renderPlan(title: string, plan: UpdatePlan, kind: PlanKind = 'run'): string {
  const rows: string[][] = [
    ['#', 'STAGE', 'GROUP', 'MEMBER', 'CLUSTER', 'CURRENT', 'TARGET', 'READINESS'],
  ];
  const notes: string[] = [];
  for (const stage of plan.stages) {
    for (const group of stage.groups) {
      if (group.members.length === 0)
        notes.push(`group ${group.name} of stage ${stage.name} has no members`);
      for (const m of group.members) {
        rows.push([
          String(m.order),
          stage.name,
          group.name,
          m.member,
          m.cluster,
          m.current ?? '?',
          m.target,
          m.readiness,
        ]);
        for (const reason of m.reasons) notes.push(`${m.member}: ${reason}`);
      }
    }
    if (stage.waitSeconds)
      rows.push([
        '',
        `wait ${duration(stage.waitSeconds)} after ${stage.name}`,
        '',
        '',
        '',
        '',
        '',
        '',
      ]);
  }
  // The title names the fleet and its group as Azure gives them: data, like the rows.
  const lines = [visible(title), '', ...alignColumns(rows.map((r) => r.map(visible)))];
  if (plan.leftOut.length > 0)
    notes.push(`not in any stage (left alone): ${plan.leftOut.join(', ')}`);
  if (notes.length > 0) lines.push('', ...notes.map((n) => `- ${visible(n)}`));
  lines.push(
    '',
    plan.blocked > 0
      ? BLOCKED_ADVICE[kind](plan.blocked)
      : `No ${kind === 'run' ? 'member' : 'cluster'} is known to be blocked.`,
  );
  return `${lines.join('\n')}\n`;
}

/** The live tree of a run; `now` counts waits down. */
export function renderRun(run: RunView, now: number): string {
  const lines = [`Update run ${run.name} of fleet ${run.fleet}: ${run.state} (${run.change})`];
  if (run.error) lines.push(`  ${run.error}`);
  for (const stage of run.stages) {
    lines.push(`  stage ${stage.name}: ${stage.state}`);
    for (const group of stage.groups) {
      lines.push(`    group ${group.name}: ${group.state}`);
      for (const m of group.members)
        lines.push(
          `      ${m.name} (${m.cluster}): ${m.state}${m.message ? ` - ${m.message}` : ''}`,
        );
    }
    if (stage.wait) {
      const left =
        isRunState(stage.wait.state, 'Running') && stage.wait.startedAt !== undefined
          ? `, ${duration(Math.max(0, Math.ceil(stage.wait.seconds - (now - stage.wait.startedAt) / 1000)))} left`
          : '';
      lines.push(
        `    wait ${duration(stage.wait.seconds)} after ${stage.name}: ${stage.wait.state}${left}`,
      );
    }
  }
  return `${lines.map(visible).join('\n')}\n`;
}

function duration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m}m${s ? ` ${s}s` : ''}` : `${s}s`;
}
