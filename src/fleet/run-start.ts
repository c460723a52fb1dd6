import type { ContainerServiceFleetClient, UpdateRun } from '@azure/arm-containerservicefleet';
import type { Stages } from '../checks/fleet/update-plan.js';
import { UserError } from '../model/errors.js';
import { isRunState, type UpdatePlan } from '../model/fleet-run.js';
import { plural } from '../model/plural.js';
import { renderRun } from '../report/render-update-run.js';
import type { FleetAccess } from './access.js';
import { followRun } from './follow.js';
import type { FleetAt } from './locate.js';
import { interruptedUnsent, saidUnheard, sendRunChange } from './run-change.js';
import { FleetRunJournal, readFleetJournal } from './run-journal.js';
import { planRun } from './run-plan.js';
import { exitOf, getRun } from './run-read.js';
import { pollMs, type RunIo, type RunRequest } from './run-request.js';
import { runViewOf } from './run-view.js';
import { runUpdateWords, updateWords } from './run-words.js';
import { typedConfirmation } from './typed-confirm.js';

/**
 * `fleet run start`: a run left running is followed (re-attached), not planned again; else the
 * plan is shown, the fleet name typed (or --confirm), the run created when new, started and
 * followed (unless --no-follow). An existing run starts as it was created, in its own stages.
 */
export async function startUpdateRun(
  fleet: FleetAt,
  client: ContainerServiceFleetClient,
  request: RunRequest,
  access: FleetAccess,
  env: NodeJS.ProcessEnv,
  io: RunIo,
): Promise<number> {
  const poll = { updateIntervalInMs: pollMs(env) };
  // The run named, when it exists: it is planned (and started) in its own stages.
  let existing: UpdateRun | undefined;
  if (request.name) {
    // A run left running (by an earlier session, or someone else) is followed, not planned again.
    const running = await getRun(client, fleet, request.name);
    existing = running;
    // An existing run upgrades as it was created: never plan, ask or start it under another change.
    const own = running ? runUpdateWords(running) : undefined;
    const asked = updateWords(request.upgradeType, request.kubernetesVersion, request.nodeImage);
    if (own !== undefined && own !== asked)
      throw new UserError(
        `update run ${request.name} is a ${own}, not the ${asked} asked: start it with its own flags, or name a new run with -n; nothing was sent`,
      );
    const state = running?.properties?.status?.status?.state;
    if (isRunState(state, 'Running', 'Stopping')) {
      const earlier = await readFleetJournal(env, fleet, request.name);
      io.out(
        `Update run ${request.name} is ${state}${earlier?.started ? ' (started by an earlier session, per its journal)' : ''}: re-attaching.\n`,
      );
      return exitOf(await followRun(client, fleet, request.name, io, undefined, pollMs(env)));
    }
  }
  const planned = await planRun(fleet, client, request, access, env, io, existing);
  io.out(planned.text);
  return confirmAndStart(
    fleet,
    client,
    request,
    planned.plan,
    planned.stages,
    access,
    env,
    io,
    poll,
  );
}

/**
 * The planned run started once confirmed: re-read first (a run started meanwhile is followed, a
 * completed one left alone), created when new, started, journaled, and followed unless asked not.
 */
async function confirmAndStart(
  fleet: FleetAt,
  client: ContainerServiceFleetClient,
  request: RunRequest,
  plan: UpdatePlan,
  strategy: { id?: string; stages?: Stages },
  access: FleetAccess,
  env: NodeJS.ProcessEnv,
  io: RunIo,
  poll: { updateIntervalInMs: number },
): Promise<number> {
  const name = request.name!;
  const existing = await getRun(client, fleet, name);
  const earlier = await readFleetJournal(env, fleet, name);
  const state = existing?.properties?.status?.status?.state;
  if (existing && isRunState(state, 'Running', 'Stopping')) {
    // A run an earlier session started (or someone else): follow it, change nothing.
    io.out(
      `Update run ${name} is ${state}${earlier?.started ? ' (started by an earlier session, per its journal)' : ''}: re-attaching.\n`,
    );
    return exitOf(await followRun(client, fleet, name, io, undefined, pollMs(env)));
  }
  if (existing && isRunState(state, 'Completed')) {
    io.out(`Update run ${name} has completed already; nothing to do.\n`);
    return 0;
  }
  const members = plan.stages.flatMap((s) => s.groups.flatMap((g) => g.members)).length;
  const what = existing
    ? runUpdateWords(existing)
    : updateWords(request.upgradeType, request.kubernetesVersion, request.nodeImage);
  const change =
    existing && !isRunState(state, 'NotStarted')
      ? `start update run ${name} again (it is ${state}; ${what}): members not completed or skipped are updated`
      : `${existing ? 'start' : 'create and start'} update run ${name} (${what}) over ${plural(members, 'member cluster')} in the order above`;
  if (io.signal?.aborted) return interruptedUnsent(io);
  if (!(await typedConfirmation('fleet', fleet.name, change, request.confirm, io))) return 1;
  const journal = await FleetRunJournal.open(env, fleet, name, access.secret);
  try {
    if (!existing) {
      const body: UpdateRun = {
        properties: {
          ...(strategy.id ? { updateStrategyId: strategy.id } : {}),
          ...(strategy.stages
            ? {
                strategy: {
                  stages: strategy.stages.map((s) => ({
                    ...s,
                    groups: s.groups.map((g) => ({ name: g })),
                  })),
                },
              }
            : {}),
          managedClusterUpdate: {
            upgrade: {
              type: request.upgradeType,
              ...(request.kubernetesVersion
                ? { kubernetesVersion: request.kubernetesVersion }
                : {}),
            },
            nodeImageSelection: { type: request.nodeImage },
          },
        },
      };
      await journal
        .mutation('create', { fleet: fleet.id, run: name, body }, () =>
          sendRunChange(
            () =>
              client.updateRuns.createOrUpdate(fleet.resourceGroup, fleet.name, name, body, poll),
            `create update run ${name}`,
          ),
        )
        .catch(saidUnheard(fleet, name, 'create'));
      // A Ctrl+C during the create: the run stays created, and its start is not sent.
      if (io.signal?.aborted) {
        await journal.note('interrupted after the create: start not sent');
        io.out(
          `Interrupted: update run ${name} was created and not started; nothing more was sent. Start it with: aks-runbook fleet run start -n ${name} (same fleet flags)\n`,
        );
        return 130;
      }
    }
    const started = await journal
      .mutation('start', { fleet: fleet.id, run: name }, () =>
        sendRunChange(
          () => client.updateRuns.start(fleet.resourceGroup, fleet.name, name, poll),
          `start update run ${name}`,
        ),
      )
      .catch((error: unknown) => {
        // Half done: the run this command created stays, not started (Azure said no); say both.
        // A start whose answer never came is said as outcome unknown, below.
        if (existing || !(error instanceof UserError)) throw error;
        throw new UserError(
          `update run ${name} was created but not started: ${error.message}. Start it with: aks-runbook fleet run start -n ${name} (same fleet flags)`,
          error.exitCode,
        );
      })
      .catch(saidUnheard(fleet, name, 'start'));
    io.out(`Started update run ${name}.\n`);
    if (!request.follow) {
      io.out(renderRun(runViewOf(started, fleet.name), Date.now()));
      return 0;
    }
    return exitOf(await followRun(client, fleet, name, io, journal, pollMs(env)));
  } finally {
    await journal.close();
  }
}
