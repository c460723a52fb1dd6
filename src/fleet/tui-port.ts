import type { UpdateRun } from '@azure/arm-containerservicefleet';
import { isRestError } from '@azure/arm-containerservice';
import { createFleetClient } from '../azure/fleet-client.js';
import { CLOUD_NAMES, type CloudName } from '../azure/clouds.js';
import { planUpdateRun } from '../checks/fleet/update-plan.js';
import { boundsFromEnv } from '../model/bounds.js';
import type { Connection } from '../model/connection.js';
import { UserError } from '../model/errors.js';
import type { FleetRef, FleetRunRequest } from '../model/fleet-look.js';
import type { WireMode } from '../model/session.js';
import type { FleetPort } from '../model/fleet-port.js';
import type { FleetAccess } from './access.js';
import { fleetError } from './errors.js';
import { followRun } from './follow.js';
import { readInventory } from './inventory.js';
import { lookAtFleets } from './tui-look.js';
import { memberFacts } from './plan-facts.js';
import { FleetRunJournal, readFleetJournal } from './run-journal.js';
import { sendRunChange } from './run-change.js';
import { runViewOf } from './run-view.js';
import { createUpdateStrategy } from './strategies.js';

/**
 * The fleet step's reach into Fleet Manager, with the session's sign-in and wire mode: the same
 * inventory, member facts, planner, follower and run journal as `aks-runbook fleet run`.
 */
export function fleetPort(env: NodeJS.ProcessEnv): FleetPort {
  const pollMs = (): number => {
    const ms = Number(env['AKS_RUNBOOK_FLEET_POLL_MS']);
    return Number.isFinite(ms) && ms > 0 ? ms : 2000;
  };
  // The session's bounds (AKS_RUNBOOK_RETRY_WAIT_MAX, …) hold for Fleet Manager as for AKS.
  const bounds = boundsFromEnv(env);
  const clientOf = (c: Connection, mode: WireMode, fleet: FleetRef) =>
    createFleetClient({
      ...accessOf(c, mode).connection,
      bounds,
      subscriptionId: fleet.subscriptionId,
    });
  const poll = () => ({ updateIntervalInMs: pollMs() });
  const journaled = async <T>(
    c: Connection,
    fleet: FleetRef,
    run: string,
    action: string,
    detail: Record<string, unknown>,
    act: () => Promise<T>,
  ): Promise<T> => {
    // `act` says its own failures: one line, or OutcomeUnknown when the answer never came.
    const journal = await FleetRunJournal.open(env, fleet, run, await c.arm?.token?.());
    try {
      return await journal.mutation(action, { fleet: fleet.id, run, ...detail }, act);
    } finally {
      await journal.close();
    }
  };
  return {
    look: (c, mode) => lookAtFleets(accessOf(c, mode), c),
    plan: async (c, mode, request, progress) => {
      const access = accessOf(c, mode);
      const client = clientOf(c, mode, request.fleet);
      const { resourceGroup, name } = request.fleet;
      progress(`Reading fleet ${name}: members`);
      const members = [];
      try {
        for await (const m of client.fleetMembers.listByFleet(resourceGroup, name)) members.push(m);
      } catch (error) {
        throw fleetError(error, `read fleet ${name}`);
      }
      const update = {
        type: request.type,
        ...(request.kubernetesVersion ? { kubernetesVersion: request.kubernetesVersion } : {}),
      };
      progress('Reading every member: inventory, upgrade profile, PodDisruptionBudgets');
      const inventory = await readInventory(access, undefined);
      const facts = await memberFacts(access, members, inventory.rows, update, env, progress);
      return planUpdateRun(request.strategy?.stages, facts, update);
    },
    start: async (c, mode, request) => {
      const client = clientOf(c, mode, request.fleet);
      const { resourceGroup, name } = request.fleet;
      // Only a 404 means "not created yet": any other failure must not lead to a create.
      const existing = await client.updateRuns.get(resourceGroup, name, request.name).then(
        (r) => r,
        (e: unknown) => {
          if (isRestError(e) && e.statusCode === 404) return undefined;
          throw fleetError(e, `read update run ${request.name}`);
        },
      );
      if (!existing) {
        const body = runBody(request);
        await journaled(c, request.fleet, request.name, 'create', { body }, () =>
          sendRunChange(
            () => client.updateRuns.createOrUpdate(resourceGroup, name, request.name, body, poll()),
            `create update run ${request.name}`,
          ),
        );
      }
      await journaled(c, request.fleet, request.name, 'start', {}, () =>
        sendRunChange(
          () => client.updateRuns.start(resourceGroup, name, request.name, poll()),
          `start update run ${request.name}`,
        ),
      );
    },
    follow: async (c, mode, fleet, run, to, signal) => {
      const client = clientOf(c, mode, fleet);
      const journal = await FleetRunJournal.open(env, fleet, run, await c.arm?.token?.());
      try {
        const io = {
          out: (text: string) => {
            // The CLI's closing advice names CLI commands; the step offers its own keys instead.
            for (const line of text.split('\n'))
              if (line.trim() !== '' && !line.includes('aks-runbook fleet run')) to.line(line);
          },
          progress: to.countdown,
          signal,
        };
        await followRun(client, fleet, run, io, journal, pollMs());
      } finally {
        await journal.close();
      }
      const last = await client.updateRuns.get(fleet.resourceGroup, fleet.name, run);
      return runViewOf(last, fleet.name);
    },
    stop: async (c, mode, fleet, run) => {
      const client = clientOf(c, mode, fleet);
      const after = await journaled(c, fleet, run, 'stop', {}, () =>
        sendRunChange(
          () => client.updateRuns.stop(fleet.resourceGroup, fleet.name, run, poll()),
          `stop update run ${run}`,
        ),
      );
      return runViewOf(after, fleet.name);
    },
    skip: async (c, mode, fleet, run, targets) => {
      const client = clientOf(c, mode, fleet);
      const after = await journaled(c, fleet, run, 'skip', { targets }, () =>
        sendRunChange(
          () => client.updateRuns.skip(fleet.resourceGroup, fleet.name, run, { targets }, poll()),
          `skip in update run ${run}`,
        ),
      );
      return runViewOf(after, fleet.name);
    },
    createStrategy: async (c, mode, fleet, name, stages) => {
      const journal = await FleetRunJournal.open(
        env,
        fleet,
        `strategy-${name}`,
        await c.arm?.token?.(),
      );
      try {
        await createUpdateStrategy(clientOf(c, mode, fleet), fleet, name, stages, {
          journal,
          updateIntervalInMs: pollMs(),
          onlyIfNew: true,
        });
      } finally {
        await journal.close();
      }
    },
    startedEarlier: async (fleet, run) =>
      (await readFleetJournal(env, fleet, run))?.started ?? false,
  };
}

/** The session's ARM sign-in as a fleet command's access (nothing to close: the session owns it). */
export function accessOf(c: Connection, mode: WireMode): FleetAccess {
  const wire = c.arm?.wire;
  if (!c.arm || !wire)
    throw new UserError('Fleet Manager needs the cluster named by its Azure coordinates');
  const cloud = CLOUD_NAMES.find((n) => n === wire.cloud) ?? ('AzureCloud' satisfies CloudName);
  return {
    connection: {
      credential: wire.credential,
      cloud,
      mode,
      endpoint: c.arm.endpoint,
      ...(wire.caCert ? { caCert: wire.caCert } : {}),
    },
    simulated: wire.caCert !== undefined,
    close: () => Promise.resolve(),
  };
}

/** The update run Fleet Manager is asked to create, as `fleet run start` sends it. */
function runBody(request: FleetRunRequest): UpdateRun {
  return {
    properties: {
      ...(request.strategy?.id
        ? { updateStrategyId: request.strategy.id }
        : request.strategy
          ? {
              strategy: {
                stages: request.strategy.stages.map((s) => ({
                  ...s,
                  groups: s.groups.map((g) => ({ name: g })),
                })),
              },
            }
          : {}),
      managedClusterUpdate: {
        upgrade: {
          type: request.type,
          ...(request.kubernetesVersion ? { kubernetesVersion: request.kubernetesVersion } : {}),
        },
        nodeImageSelection: { type: request.nodeImage },
      },
    },
  };
}
