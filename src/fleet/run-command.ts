import type {
  ContainerServiceFleetClient,
  FleetUpdateStrategy,
  UpdateRun,
} from '@azure/arm-containerservicefleet';
import { isRestError } from '@azure/arm-containerservice';
import { planUpdateRun, type PlannedUpdate, type Stages } from '../checks/fleet/update-plan.js';
import { OutcomeUnknown, UserError, sentWords } from '../model/errors.js';
import { azFleetRunShow } from '../model/equivalent-commands.js';
import { isFinalRunState, isRunState, type UpdatePlan } from '../model/fleet-run.js';
import { visible } from '../model/visible-text.js';
import { renderPlan, renderRun } from '../report/render-update-run.js';
import { createFleetClient } from '../azure/fleet-client.js';
import type { FleetAccess } from './access.js';
import { fleetError } from './errors.js';
import { followRun, type FollowIo } from './follow.js';
import { readInventory } from './inventory.js';
import { locateFleet, type FleetAt } from './locate.js';
import { memberFacts } from './plan-facts.js';
import { FleetRunJournal, readFleetJournal } from './run-journal.js';
import { sendRunChange } from './run-change.js';
import { runViewOf, stagesOfRun, strategyNameOfRun } from './run-view.js';
import { plural } from '../model/plural.js';

/** What `fleet run …` was asked (see src/cli/fleet-args.ts). */
export interface RunRequest {
  subscription?: string;
  resourceGroup?: string;
  fleet?: string;
  name?: string;
  upgradeType: PlannedUpdate['type'];
  kubernetesVersion?: string;
  nodeImage: 'Latest' | 'Consistent';
  strategy?: string;
  confirm?: string;
  follow: boolean;
  skip: Array<{ type: 'Member' | 'Group' | 'Stage' | 'AfterStageWait'; name: string }>;
}

/** Where the command prints and asks. */
export interface RunIo extends FollowIo {
  err: (text: string) => void;
  interactive: boolean;
  /** Asks one line on the terminal (the typed confirmation); absent: no terminal to ask on. */
  ask?: (question: string) => Promise<string>;
}

/**
 * `fleet run plan|start|show|stop|skip`. Exit codes: 0 done (a run followed to Completed, or a
 * plan, a show, a change accepted), 1 a run that ended Failed or Stopped, or a change cancelled at
 * the confirmation, 2 could not be done (bad input, Azure refused, not reachable).
 */
export async function runUpdateRunCommand(
  verb: 'plan' | 'start' | 'show' | 'stop' | 'skip',
  request: RunRequest,
  access: FleetAccess,
  env: NodeJS.ProcessEnv,
  io: RunIo,
): Promise<number> {
  const fleet = await locateFleet(access, request, env);
  const client = createFleetClient({ ...access.connection, subscriptionId: fleet.subscriptionId });
  const poll = { updateIntervalInMs: pollMs(env) };
  // The run named, when it exists: it is planned (and started) in its own stages.
  let existing: UpdateRun | undefined;
  if (verb === 'start' && request.name) {
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
  if (verb === 'plan' || verb === 'start') {
    const planned = await planOf(fleet, client, request, access, env, io, existing);
    io.out(planned.text);
    if (verb === 'plan') return 0;
    return start(fleet, client, request, planned.plan, planned.stages, access, env, io, poll);
  }
  const name = request.name!;
  const current = await getRun(client, fleet, name);
  if (!current)
    throw new UserError(
      `fleet ${fleet.name} has no update run ${name} (fleet run plan, then start)`,
    );
  if (verb === 'show') {
    io.out(renderRun(runViewOf(current, fleet.name), Date.now()));
    if (!request.follow) return 0;
    return exitOf(await followRun(client, fleet, name, io, undefined, pollMs(env)));
  }
  const targets = verb === 'skip' ? request.skip : [];
  refuseUnfit(verb, name, current, targets);
  const change =
    verb === 'stop'
      ? `stop update run ${name} (members updating now finish; no other member starts)`
      : `skip ${targets.map((t) => `${t.type.replace('AfterStageWait', 'wait after stage')} ${t.name}`).join(', ')} in update run ${name}`;
  if (io.signal?.aborted) return interruptedUnsent(io);
  if (!(await confirmed(fleet, change, request, io))) return 1;
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

/** The stages to plan with, how they are named in the plan's title, and what a create sends. */
interface StagesChosen {
  stages: Stages | undefined;
  how: string;
  send: { id?: string; stages?: Stages };
}

/**
 * An existing run's own stages (Azure's copy: a strategy changed since, or another --strategy,
 * does not change the order it runs in); a --strategy naming another strategy is refused.
 */
function runOwnStages(run: UpdateRun, name: string, request: RunRequest): StagesChosen {
  const from = strategyNameOfRun(run);
  if (request.strategy && request.strategy.toLowerCase() !== from?.toLowerCase())
    throw new UserError(
      `update run ${name} keeps the stages it was created with (${from ? `from strategy ${from}` : run.properties?.strategy ? 'its own' : 'one member after the other'}), not strategy ${request.strategy}: drop --strategy, or name a new run with -n; nothing was sent`,
    );
  const stages = stagesOfRun(run);
  const how = stages
    ? `update run ${name}'s own stages${from ? ` (strategy ${from} as it was when the run was created)` : ''}`
    : `update run ${name}'s own order: one member after the other`;
  return { stages, how, send: {} };
}

async function planOf(
  fleet: FleetAt,
  client: ContainerServiceFleetClient,
  request: RunRequest,
  access: FleetAccess,
  env: NodeJS.ProcessEnv,
  io: RunIo,
  existing: UpdateRun | undefined,
): Promise<{ text: string; plan: UpdatePlan; stages: { id?: string; stages?: Stages } }> {
  const say = (line: string): void => io.progress(line);
  say(`Reading fleet ${fleet.name}: members and update strategies`);
  const members = [];
  const strategies = [];
  try {
    for await (const m of client.fleetMembers.listByFleet(fleet.resourceGroup, fleet.name))
      members.push(m);
    if (!existing)
      for await (const s of client.fleetUpdateStrategies.listByFleet(
        fleet.resourceGroup,
        fleet.name,
      ))
        strategies.push(s);
  } catch (error) {
    throw fleetError(error, `read fleet ${fleet.name}`);
  }
  const chosen = existing
    ? runOwnStages(existing, request.name!, request)
    : fleetStages(fleet, strategies, request);
  const update: PlannedUpdate = {
    type: request.upgradeType,
    ...(request.kubernetesVersion ? { kubernetesVersion: request.kubernetesVersion } : {}),
  };
  say('Reading every member: inventory, upgrade profile, PodDisruptionBudgets');
  const inventory = await readInventory(access, undefined);
  const facts = await memberFacts(access, members, inventory.rows, update, env, say);
  const plan = planUpdateRun(chosen.stages, facts, update);
  const change = updateWords(update.type, update.kubernetesVersion, request.nodeImage);
  const title = `Fleet ${fleet.name} (${fleet.resourceGroup}, subscription ${fleet.subscriptionId}): ${change}, ${chosen.how}, ${plural(members.length, 'member')}`;
  return { text: renderPlan(title, plan), plan, stages: chosen.send };
}

/** The stages a new run gets: the strategy named (or the fleet's only one), or none. */
function fleetStages(
  fleet: FleetAt,
  strategies: FleetUpdateStrategy[],
  request: RunRequest,
): StagesChosen {
  const named = request.strategy
    ? strategies.find((s) => s.name?.toLowerCase() === request.strategy!.toLowerCase())
    : strategies.length === 1
      ? strategies[0]
      : undefined;
  if (request.strategy && !named)
    throw new UserError(
      `fleet ${fleet.name} has no update strategy ${request.strategy} (it has: ${strategies.map((s) => s.name).join(', ') || 'none'})`,
    );
  if (!request.strategy && strategies.length > 1)
    throw new UserError(
      `fleet ${fleet.name} has ${strategies.length} update strategies (${strategies.map((s) => s.name).join(', ')}): choose one with --strategy`,
    );
  const stages: Stages | undefined = named?.properties?.strategy.stages.map((s) => ({
    name: s.name,
    groups: (s.groups ?? []).map((g) => g.name),
    ...(s.afterStageWaitInSeconds ? { afterStageWaitInSeconds: s.afterStageWaitInSeconds } : {}),
  }));
  return {
    stages,
    how: named ? `strategy ${named.name}` : 'no strategy: one member after the other',
    send: named?.id ? { id: named.id } : stages ? { stages } : {},
  };
}

async function start(
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
  if (!(await confirmed(fleet, change, request, io))) return 1;
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

/**
 * A change of run `name` whose answer never came, as the one line the command ends with (exit 2):
 * sent, outcome unknown (journaled so), and the command that tells whether it took. Any other
 * failure passes as it is.
 */
function saidUnheard(
  fleet: FleetAt,
  name: string,
  verb: 'create' | 'start' | 'stop' | 'skip',
): (error: unknown) => never {
  return (error) => {
    if (!(error instanceof OutcomeUnknown)) throw error;
    const check = azFleetRunShow(fleet, name, verb !== 'skip');
    throw new UserError(
      `the request to ${verb} update run ${name} ${sentWords(error.heard?.accepted === true)}; its outcome is unknown: ${error.message}. It may ${error.heard?.accepted ? 'still be running' : 'be running, or may never have started'} in Azure: check it with ${check} before sending it again`,
    );
  };
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

/** The upgrade in words: `Full upgrade to 1.31.8, node image Latest`, `node image upgrade (Latest)`. */
function updateWords(type: string, version: string | undefined, nodeImage: string): string {
  return type === 'NodeImageOnly'
    ? `node image upgrade (${nodeImage})`
    : `${type} upgrade to ${version ?? '?'}, node image ${nodeImage}`;
}

/** The upgrade an existing run was created for, in the words of `updateWords`. */
function runUpdateWords(run: UpdateRun): string {
  const update = run.properties?.managedClusterUpdate;
  return updateWords(
    update?.upgrade.type ?? '?',
    update?.upgrade.kubernetesVersion,
    update?.nodeImageSelection?.type ?? 'Latest',
  );
}

/** A Ctrl+C that came while the fleet was read: said, and nothing is sent (exit 130). */
function interruptedUnsent(io: RunIo): number {
  io.out('Interrupted: nothing was sent.\n');
  return 130;
}

/** The typed confirmation: `--confirm` naming the fleet, or the name typed at the prompt. */
async function confirmed(
  fleet: FleetAt,
  change: string,
  request: RunRequest,
  io: RunIo,
): Promise<boolean> {
  if (request.confirm !== undefined) {
    if (request.confirm !== fleet.name)
      throw new UserError(
        `--confirm ${request.confirm} does not name the fleet (${fleet.name}); nothing was changed`,
      );
    return true;
  }
  if (!io.interactive || !io.ask)
    throw new UserError(
      `this changes fleet ${fleet.name}: add --confirm ${fleet.name} (or run it in a terminal to be asked)`,
    );
  io.out(`\nAbout to ${visible(change)} on fleet ${visible(fleet.name)}.\n`);
  const typed = (
    await io.ask(
      `Type the fleet name (${visible(fleet.name)}) to go ahead, or press Enter to cancel: `,
    )
  ).trim();
  if (typed === fleet.name) return true;
  io.out('Cancelled: nothing was changed.\n');
  return false;
}

async function getRun(
  client: ContainerServiceFleetClient,
  fleet: FleetAt,
  name: string,
): Promise<UpdateRun | undefined> {
  try {
    return await client.updateRuns.get(fleet.resourceGroup, fleet.name, name);
  } catch (error) {
    if (isRestError(error) && error.statusCode === 404) return undefined;
    throw fleetError(error, `read update run ${name}`);
  }
}

function exitOf(state: string | undefined): number {
  if (isRunState(state, 'Completed')) return 0;
  if (state === undefined) return 130; // no longer following (interrupted): the run goes on
  return isFinalRunState(state) ? 1 : 0;
}

/** How often a followed run is read (AKS_RUNBOOK_FLEET_POLL_MS; tests shorten it). */
function pollMs(env: NodeJS.ProcessEnv): number {
  const ms = Number(env['AKS_RUNBOOK_FLEET_POLL_MS']);
  return Number.isFinite(ms) && ms > 0 ? ms : 2000;
}
