import type {
  ContainerServiceFleetClient,
  FleetUpdateStrategy,
} from '@azure/arm-containerservicefleet';
import { UserError } from '../model/errors.js';
import { fleetError } from './errors.js';
import type { FleetAt } from './locate.js';
import { isStrategyName, stageProblem, type StrategyStage } from '../checks/fleet/strategy-spec.js';

export type { StrategyStage } from '../checks/fleet/strategy-spec.js';
export {
  parseStagesFlag,
  parseStrategyFile,
  unknownGroups,
} from '../checks/fleet/strategy-spec.js';

/** Where a strategy change is journaled: an intent line on disk before the PUT, a result after. */
export interface StrategyJournal {
  mutation<T>(action: string, detail: Record<string, unknown>, act: () => Promise<T>): Promise<T>;
}

/** What `createUpdateStrategy` needs besides the fleet and the stages. */
export interface CreateStrategyOptions {
  /** Journals the PUT (FleetRunJournal does; a TUI step may pass its own adapter). */
  journal: StrategyJournal;
  /** How often the SDK poller asks for the operation (ms); default 2000. */
  updateIntervalInMs?: number;
  abortSignal?: AbortSignal;
  /** Refuse (412 from Azure) when a strategy of that name exists already. */
  onlyIfNew?: boolean;
  /** Replace only the strategy as read (its eTag): someone else's change in between is a 412. */
  ifMatch?: string;
}

/** The PUT body of an update strategy (what is shown before it is sent). */
export function strategyBody(stages: readonly StrategyStage[]): FleetUpdateStrategy {
  return {
    properties: {
      strategy: {
        stages: stages.map((s) => ({
          name: s.name,
          groups: s.groups.map((g) => ({ name: g })),
          ...(s.afterStageWaitInSeconds
            ? { afterStageWaitInSeconds: s.afterStageWaitInSeconds }
            : {}),
        })),
      },
    },
  };
}

/**
 * Creates (or replaces) update strategy `name` of `fleet` through Fleet Manager and waits for the
 * operation on the SDK's poller; the PUT is journaled first. The caller has already had the change
 * confirmed (typed fleet name). Throws a UserError for stages Fleet Manager would refuse anyway,
 * and a one-line FaultError carrying Azure's code and message when Azure refuses.
 */
export async function createUpdateStrategy(
  client: ContainerServiceFleetClient,
  fleet: FleetAt,
  name: string,
  stages: readonly StrategyStage[],
  options: CreateStrategyOptions,
): Promise<FleetUpdateStrategy> {
  if (!isStrategyName(name))
    throw new UserError(
      `update strategy name ${name}: 1-50 lower-case letters, digits and dashes, starting and ending with a letter or digit`,
    );
  const problem = stageProblem(stages);
  if (problem) throw new UserError(`update strategy ${name}: ${problem}`);
  const body = strategyBody(stages);
  return options.journal.mutation(
    'create update strategy',
    { fleet: fleet.id, strategy: name, body },
    async () => {
      try {
        return await client.fleetUpdateStrategies.createOrUpdate(
          fleet.resourceGroup,
          fleet.name,
          name,
          body,
          {
            updateIntervalInMs: options.updateIntervalInMs ?? 2000,
            ...(options.onlyIfNew ? { ifNoneMatch: '*' } : {}),
            ...(options.ifMatch ? { ifMatch: options.ifMatch } : {}),
            ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
          },
        );
      } catch (error) {
        throw fleetError(error, `create update strategy ${name} on fleet ${fleet.name}`);
      }
    },
  );
}

/** Every update strategy of a fleet, as Azure lists them. */
export async function listUpdateStrategies(
  client: ContainerServiceFleetClient,
  fleet: FleetAt,
): Promise<FleetUpdateStrategy[]> {
  const out: FleetUpdateStrategy[] = [];
  try {
    for await (const s of client.fleetUpdateStrategies.listByFleet(fleet.resourceGroup, fleet.name))
      out.push(s);
  } catch (error) {
    throw fleetError(error, `list the update strategies of fleet ${fleet.name}`);
  }
  return out;
}

/** The stages of a strategy as Azure returned it. */
export function stagesOf(strategy: FleetUpdateStrategy): StrategyStage[] {
  return (strategy.properties?.strategy.stages ?? []).map((s) => ({
    name: s.name,
    groups: (s.groups ?? []).map((g) => g.name),
    ...(s.afterStageWaitInSeconds ? { afterStageWaitInSeconds: s.afterStageWaitInSeconds } : {}),
  }));
}
