import type {
  ContainerServiceFleetClient,
  FleetUpdateStrategy,
  UpdateRun,
} from '@azure/arm-containerservicefleet';
import { planUpdateRun, type PlannedUpdate, type Stages } from '../checks/fleet/update-plan.js';
import { UserError } from '../model/errors.js';
import type { UpdatePlan } from '../model/fleet-run.js';
import { plural } from '../model/plural.js';
import { renderPlan } from '../report/render-update-run.js';
import type { FleetAccess } from './access.js';
import { fleetError } from './errors.js';
import { readInventory } from './inventory.js';
import type { FleetAt } from './locate.js';
import { memberFacts } from './plan-facts.js';
import type { RunIo, RunRequest } from './run-request.js';
import { stagesOfRun, strategyNameOfRun } from './run-view.js';
import { updateWords } from './run-words.js';

// `fleet run plan` (and the plan `fleet run start` shows before asking): the order and each
// member's readiness.

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

/** A run planned: the plan as printed, the plan, and the stages a create sends. */
export interface PlannedRun {
  text: string;
  plan: UpdatePlan;
  stages: StagesChosen['send'];
}

/**
 * The plan of a run over the fleet's members, each member's readiness read from its cluster: in
 * `existing`'s own stages when the run exists, else in the strategy asked (or the fleet's only one).
 */
export async function planRun(
  fleet: FleetAt,
  client: ContainerServiceFleetClient,
  request: RunRequest,
  access: FleetAccess,
  env: NodeJS.ProcessEnv,
  io: RunIo,
  existing: UpdateRun | undefined,
): Promise<PlannedRun> {
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
