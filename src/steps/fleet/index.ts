import { FLEET_UPGRADE_TYPES, type FleetLook } from '../../model/fleet-look.js';
import { isRunState } from '../../model/fleet-run.js';
import { failureOf } from '../../target/failure.js';
import type { StepModule } from '../contract/module.js';
import { defineStep } from '../lifecycle/define.js';
import { choiceLine, defaultVersion, plan, requestOf } from './choices.js';
import { lookLines } from './lines.js';
import type { FleetPort } from '../../model/fleet-port.js';
import { runActions } from './run-actions.js';
import type { FleetStepEvent, FleetStepState } from './state.js';
import { strategyActions, submitStrategy } from './strategy.js';

const INITIAL: FleetStepState = { relevant: false, fleet: 0, type: 'Full', nodeImage: 'Latest' };

/**
 * The fleet step: the Fleet Manager fleets around the cluster, and update runs over their members
 * (planned with every member's readiness, started behind the fleet's name typed, followed live,
 * stopped or skipped). Listed only for fleet members and subscriptions with fleets.
 */
export function makeFleetStep(
  port: FleetPort | undefined,
): StepModule<FleetStepState, FleetStepEvent> {
  const base = defineStep<FleetLook, FleetStepState, FleetStepEvent>({
    id: 'fleet',
    initial: INITIAL,
    lookOnEveryOpen: false,
    look: async (ctx) => {
      if (!port || !ctx.connection.arm)
        return { facts: { fleets: [], versions: [] }, findings: [] };
      try {
        const facts = await port.look(ctx.connection, ctx.mode);
        return { facts, findings: [], summary: lookLines(facts, ctx.cluster) };
      } catch (error) {
        // Said on the overview even before the step was listed (its "running" is not shown).
        // In the words of every failure line: what could not be reached, and what to do.
        ctx.status({
          kind: 'unavailable',
          why: failureOf(error, ctx.connection, 'read the fleets').line,
        });
        throw error;
      }
    },
    seen: async (s, seen) => {
      const look = seen.facts;
      const relevant = look.membership !== undefined || look.fleets.length > 0;
      const fleet = Math.min(s.state.fleet, Math.max(0, look.fleets.length - 1));
      s.set({ relevant, fleet, version: s.state.version ?? defaultVersion(s, look) });
      const running = look.fleets[fleet]?.runs.find((r) =>
        isRunState(r.state, 'Running', 'Stopping'),
      );
      if (running && port) {
        const earlier = await port.startedEarlier(look.fleets[fleet]!.at, running.name);
        return {
          summary: [
            ...(seen.summary ?? []),
            `Update run ${running.name} is ${running.state}${earlier ? ' (started by an earlier session, per its journal)' : ''}: a to follow it.`,
            choiceLine(s),
          ],
        };
      }
      return { summary: [...(seen.summary ?? []), choiceLine(s)] };
    },
    actions: (s) => {
      const look = s.facts;
      const f = look?.fleets[s.state.fleet];
      if (!look || !f || !port) return [];
      const choose = (patch: Partial<FleetStepState>) => {
        s.set({ ...patch, planned: undefined });
        s.ctx.show({ plan: undefined, result: [choiceLine(s)] });
      };
      return [
        ...(look.fleets.length > 1
          ? [
              {
                key: 'f',
                label: `Next fleet (now ${f.at.name})`,
                local: true as const,
                run: () =>
                  choose({ fleet: (s.state.fleet + 1) % look.fleets.length, strategy: undefined }),
              },
            ]
          : []),
        {
          key: 't',
          label: `Upgrade type: ${s.state.type} (Full, ControlPlaneOnly, NodeImageOnly)`,
          local: true,
          run: () =>
            choose({
              type: FLEET_UPGRADE_TYPES[
                (FLEET_UPGRADE_TYPES.indexOf(s.state.type) + 1) % FLEET_UPGRADE_TYPES.length
              ]!,
            }),
        },
        {
          key: 'v',
          label: `Target version: ${s.state.version ?? '?'}`,
          local: true,
          unavailable:
            s.state.type === 'NodeImageOnly'
              ? 'a node image run keeps each version'
              : look.versions.length === 0
                ? 'no versions were read for the region'
                : undefined,
          run: () => {
            const at = look.versions.indexOf(s.state.version ?? '');
            choose({ version: look.versions[(at + 1) % look.versions.length] });
          },
        },
        {
          key: 'i',
          label: `Node image: ${s.state.nodeImage} (Latest or Consistent)`,
          local: true,
          run: () =>
            choose({ nodeImage: s.state.nodeImage === 'Latest' ? 'Consistent' : 'Latest' }),
        },
        {
          key: 'p',
          label: 'Plan the update run: order, versions, readiness of every member (reads only)',
          local: true,
          run: () => plan(s, port),
        },
        ...runActions(s, port, requestOf),
        ...strategyActions(s, f),
        {
          key: 'r',
          label: 'Look again (re-read the fleets)',
          looksAgain: true,
          local: true,
          run: (run) => run.look(),
        },
      ];
    },
    on: {
      strategy: (event, s) => (port ? submitStrategy(s, port, event.text) : undefined),
      'strategy-cancel': (_event, s) => s.set({ strategyField: undefined }),
    },
  });
  return {
    id: 'fleet',
    // Not in a fleet and none around: the step says so as "skipped", and the overview leaves it out.
    start: (ctx) => {
      let relevant = false;
      return base.start({
        ...ctx,
        setState: (state) => {
          relevant = state.relevant;
          ctx.setState(state);
        },
        status: (status) => {
          // Until it applies the step stays out of the overview: no "running" row flashing by.
          if (!relevant && status.kind === 'running') return;
          ctx.status(
            !relevant && (status.kind === 'ok' || status.kind === 'findings')
              ? { kind: 'skipped', why: 'the cluster is in no fleet and its subscription has none' }
              : status,
          );
        },
      });
    },
  };
}
