import type { ContainerServiceFleetClient, UpdateRun } from '@azure/arm-containerservicefleet';
import { UserError } from '../model/errors.js';
import { isRunState } from '../model/fleet-run.js';
import { renderRun } from '../report/render-update-run.js';
import type { FleetAccess } from './access.js';
import type { FleetAt } from './locate.js';
import { interruptedUnsent, saidUnheard, sendRunChange } from './run-change.js';
import { FleetRunJournal } from './run-journal.js';
import { pollMs, type RunIo, type RunRequest } from './run-request.js';
import { runViewOf } from './run-view.js';
import { typedConfirmation } from './typed-confirm.js';

/**
 * `fleet run stop|skip` of `current`, the run just read: checked against it first (nothing is
 * asked or sent for a change it cannot take), then the fleet name typed (or --confirm), journaled,
 * sent, and the run shown as Azure then holds it.
 */
export async function stopOrSkipRun(
  verb: 'stop' | 'skip',
  fleet: FleetAt,
  client: ContainerServiceFleetClient,
  name: string,
  current: UpdateRun,
  request: RunRequest,
  access: FleetAccess,
  env: NodeJS.ProcessEnv,
  io: RunIo,
): Promise<number> {
  const poll = { updateIntervalInMs: pollMs(env) };
  const targets = verb === 'skip' ? request.skip : [];
  refuseUnfit(verb, name, current, targets);
  const change =
    verb === 'stop'
      ? `stop update run ${name} (members updating now finish; no other member starts)`
      : `skip ${targets.map((t) => `${t.type.replace('AfterStageWait', 'wait after stage')} ${t.name}`).join(', ')} in update run ${name}`;
  if (io.signal?.aborted) return interruptedUnsent(io);
  if (!(await typedConfirmation('fleet', fleet.name, change, request.confirm, io))) return 1;
  const journal = await FleetRunJournal.open(env, fleet, name, access.secret);
  try {
    const after = await journal
      .mutation(verb, { fleet: fleet.id, run: name, targets }, () =>
        sendRunChange(
          () =>
            verb === 'stop'
              ? client.updateRuns.stop(fleet.resourceGroup, fleet.name, name, poll)
              : client.updateRuns.skip(fleet.resourceGroup, fleet.name, name, { targets }, poll),
          `${verb} update run ${name}`,
        ),
      )
      .catch(saidUnheard(fleet, name, verb));
    io.out(renderRun(runViewOf(after, fleet.name), Date.now()));
    return 0;
  } finally {
    await journal.close();
  }
}

/**
 * A stop or skip the run just read cannot take, refused in one line before anything is asked or
 * sent: a stop of a run that is not running, a skip of a member, group or stage (or the wait
 * after one) the run does not have. Fleet Manager would refuse it too, less plainly.
 */
function refuseUnfit(
  verb: 'stop' | 'skip',
  name: string,
  run: UpdateRun,
  targets: RunRequest['skip'],
): void {
  const state = run.properties?.status?.status?.state ?? run.properties?.provisioningState;
  if (verb === 'stop') {
    if (!isRunState(state, 'Running'))
      throw new UserError(
        `update run ${name} is ${state ?? 'in an unknown state'}: only a running update run can be stopped; nothing was sent`,
      );
    return;
  }
  const stages = run.properties?.status?.stages ?? [];
  const groups = stages.flatMap((s) => s.groups ?? []);
  const have: Record<RunRequest['skip'][number]['type'], string[]> = {
    Stage: stages.map((s) => s.name ?? ''),
    AfterStageWait: stages.map((s) => s.name ?? ''),
    Group: groups.map((g) => g.name ?? ''),
    Member: groups.flatMap((g) => (g.members ?? []).map((m) => m.name ?? '')),
  };
  // Without a status yet (not started) the run's parts are not listed: Fleet Manager judges.
  if (stages.length === 0) return;
  for (const t of targets) {
    const names = have[t.type];
    if (names.some((n) => n.toLowerCase() === t.name.toLowerCase())) continue;
    const what = t.type === 'AfterStageWait' ? 'stage' : t.type.toLowerCase();
    throw new UserError(
      `update run ${name} has no ${what} ${t.name} (its ${what}s: ${names.join(', ') || 'none'}); nothing was sent`,
    );
  }
}
