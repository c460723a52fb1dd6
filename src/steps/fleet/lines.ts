import type { FleetInfo, FleetLook } from '../../model/fleet-look.js';
import { isRunState, type RunView, type UpdatePlan } from '../../model/fleet-run.js';
import { plural } from '../../model/plural.js';

/** Seconds as minutes and seconds: `5m`, `1m 30s`, `45s`. */
export function duration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m}m${s ? ` ${s}s` : ''}` : `${s}s`;
}

/** What the step saw: membership, then each fleet with its groups, strategies and runs. */
export function lookLines(look: FleetLook, cluster: string): string[] {
  const lines: string[] = [];
  const m = look.membership;
  lines.push(
    m
      ? `${cluster} is member ${m.member} of fleet ${m.fleet}${m.group ? `, update group ${m.group}` : ''}.`
      : `${cluster} is in no fleet; ${plural(look.fleets.length, 'fleet')} in its subscription.`,
  );
  for (const f of look.fleets) lines.push(...fleetLines(f));
  return lines;
}

function fleetLines(f: FleetInfo): string[] {
  const lines = [
    `Fleet ${f.at.name} (${f.at.resourceGroup}, subscription ${f.at.subscriptionId}): ${plural(f.members.length, 'member')}`,
  ];
  const groups = new Map<string, string[]>();
  for (const m of f.members) {
    const g = m.group ?? '(no group)';
    groups.set(g, [...(groups.get(g) ?? []), m.name]);
  }
  for (const [g, names] of groups) lines.push(`  group ${g}: ${names.join(', ')}`);
  for (const s of f.strategies)
    lines.push(
      `  strategy ${s.name}: ${s.stages
        .map(
          (st) =>
            `${st.name} [${st.groups.join(', ')}]${st.afterStageWaitInSeconds ? ` wait ${duration(st.afterStageWaitInSeconds)}` : ''}`,
        )
        .join(' → ')}`,
    );
  if (f.strategies.length === 0)
    lines.push('  no update strategy: a run updates one member after the other');
  for (const r of f.runs) lines.push(`  update run ${r.name}: ${r.state} (${r.change})`);
  return lines;
}

/** The plan as the operator reads it before anything starts: order, versions, readiness, why. */
export function planLines(plan: UpdatePlan): string[] {
  const lines: string[] = [];
  for (const stage of plan.stages) {
    lines.push(`Stage ${stage.name}`);
    for (const group of stage.groups) {
      if (group.members.length === 0) lines.push(`  group ${group.name}: no members`);
      for (const m of group.members) {
        const mark = m.readiness === 'blocked' ? '✖' : m.readiness === 'ready' ? '✔' : '▲';
        const cluster = m.cluster.split('/').pop() ?? m.cluster;
        lines.push(
          `  ${mark} ${m.order}. ${m.member} ${m.current ?? '?'} → ${m.target} ${m.readiness} · group ${group.name} · ${cluster}`,
        );
        for (const reason of m.reasons) lines.push(`      ${reason}`);
      }
    }
    if (stage.waitSeconds) lines.push(`  then wait ${duration(stage.waitSeconds)}`);
  }
  if (plan.leftOut.length > 0)
    lines.push(`Not in any stage (left alone): ${plan.leftOut.join(', ')}`);
  lines.push(
    plan.blocked > 0
      ? `${plural(plan.blocked, 'member')} blocked: the run would fail there. Fix it first, or skip it once the run is created (m).`
      : 'No member is known to be blocked.',
  );
  return lines;
}

/** The members of a run that failed, with where they are. */
export function failedMembers(
  view: RunView,
): Array<{ stage: string; group: string; member: string }> {
  return view.stages.flatMap((s) =>
    s.groups.flatMap((g) =>
      g.members
        .filter((m) => isRunState(m.state, 'Failed'))
        .map((m) => ({ stage: s.name, group: g.name, member: m.name })),
    ),
  );
}
