import type { UpdateRun } from '@azure/arm-containerservicefleet';
import type { Stages } from '../checks/fleet/update-plan.js';
import { isRunState, type RunView } from '../model/fleet-run.js';

/** The SDK's update run as the tool shows it. */
export function runViewOf(run: UpdateRun, fleet: string): RunView {
  const p = run.properties;
  const status = p?.status;
  const upgrade = p?.managedClusterUpdate.upgrade;
  const change =
    upgrade?.type === 'NodeImageOnly'
      ? `node images (${p?.managedClusterUpdate.nodeImageSelection?.type ?? 'Latest'})`
      : `${upgrade?.type ?? '?'} upgrade to ${upgrade?.kubernetesVersion ?? '?'}`;
  const error = status?.status?.error?.message;
  return {
    name: run.name ?? '?',
    fleet,
    state: status?.status?.state ?? p?.provisioningState ?? '?',
    ...(error ? { error } : {}),
    change,
    stages: (status?.stages ?? []).map((s) => {
      const wait = s.afterStageWaitStatus;
      const started = wait?.status?.startTime?.getTime();
      return {
        name: s.name ?? '?',
        state: s.status?.state ?? '?',
        groups: (s.groups ?? []).map((g) => ({
          name: g.name ?? '?',
          state: g.status?.state ?? '?',
          members: (g.members ?? []).map((m) => ({
            name: m.name ?? '?',
            cluster: clusterOf(m.clusterResourceId),
            state: m.status?.state ?? '?',
            ...(m.message || m.status?.error?.message
              ? { message: (m.message ?? m.status?.error?.message)! }
              : {}),
          })),
        })),
        ...(wait
          ? {
              wait: {
                seconds: wait.waitDurationInSeconds ?? 0,
                state: wait.status?.state ?? '?',
                ...(started !== undefined ? { startedAt: started } : {}),
              },
            }
          : {}),
      };
    }),
  };
}

/**
 * The stages an existing run updates in, as Azure holds them: its `strategy` (set inline, or the
 * snapshot of the update strategy it was created from); undefined when it has none, and then
 * Fleet Manager updates the members one after the other.
 */
export function stagesOfRun(run: UpdateRun): Stages | undefined {
  return run.properties?.strategy?.stages.map((s) => ({
    name: s.name,
    groups: (s.groups ?? []).map((g) => g.name),
    ...(s.afterStageWaitInSeconds ? { afterStageWaitInSeconds: s.afterStageWaitInSeconds } : {}),
  }));
}

/** The name of the update strategy a run was created from, or undefined. */
export function strategyNameOfRun(run: UpdateRun): string | undefined {
  return /\/updateStrategies\/([^/]+)$/i.exec(run.properties?.updateStrategyId ?? '')?.[1];
}

function clusterOf(id: string | undefined): string {
  const m =
    /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerService\/managedClusters\/([^/]+)$/i.exec(
      id ?? '',
    );
  return m ? `${m[1]}/${m[2]}` : (id ?? '?');
}

/**
 * One line per thing that changed between two looks at a run (stage, group, member, wait, run).
 * A state Azure only spells in another case has not changed (ARM enum values match in any case).
 */
export function runChanges(before: RunView | undefined, after: RunView): string[] {
  const lines: string[] = [];
  const was = new Map<string, { state: string; message?: string }>();
  const key = (...parts: string[]): string => parts.join('/');
  const changed = (k: string, state: string, message?: string): boolean => {
    const w = was.get(k);
    return !w || !isRunState(w.state, state) || w.message !== message;
  };
  if (before) {
    was.set('run', { state: before.state });
    for (const s of before.stages) {
      was.set(key('s', s.name), { state: s.state });
      if (s.wait) was.set(key('w', s.name), { state: s.wait.state });
      for (const g of s.groups) {
        was.set(key('g', s.name, g.name), { state: g.state });
        for (const m of g.members)
          was.set(key('m', s.name, g.name, m.name), {
            state: m.state,
            ...(m.message !== undefined ? { message: m.message } : {}),
          });
      }
    }
  }
  for (const s of after.stages) {
    if (changed(key('s', s.name), s.state)) lines.push(`stage ${s.name}: ${s.state}`);
    for (const g of s.groups) {
      if (changed(key('g', s.name, g.name), g.state))
        lines.push(`stage ${s.name} > group ${g.name}: ${g.state}`);
      for (const m of g.members)
        if (changed(key('m', s.name, g.name, m.name), m.state, m.message))
          lines.push(
            `stage ${s.name} > group ${g.name} > ${m.name} (${m.cluster}): ${m.state}${m.message ? ` - ${m.message}` : ''}`,
          );
    }
    if (s.wait && changed(key('w', s.name), s.wait.state))
      lines.push(`wait ${s.wait.seconds}s after stage ${s.name}: ${s.wait.state}`);
  }
  if (changed('run', after.state))
    lines.push(`update run ${after.name}: ${after.state}${after.error ? ` - ${after.error}` : ''}`);
  return lines;
}
