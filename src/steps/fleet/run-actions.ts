import type { FleetLook, FleetRef, FleetRunRequest } from '../../model/fleet-look.js';
import { isRunState, type RunView } from '../../model/fleet-run.js';
import { plural } from '../../model/plural.js';
import type { StepAction } from '../lifecycle/definition.js';
import type { StepSession } from '../lifecycle/step-session.js';
import { attach, endOf, follow } from './follow.js';
import { failedMembers } from './lines.js';
import type { FleetPort } from '../../model/fleet-port.js';
import type { FleetStepState } from './state.js';
import { isUnheard, unheardLines, unlessUnheard } from './unknown.js';

type Session = StepSession<FleetLook, FleetStepState>;
type Action = StepAction<FleetLook, FleetStepState>;

const ACTIVE = ['Running', 'Stopping'] as const;

/** Start, follow (re-attach), stop and skip: the keys that act on an update run. */
export function runActions(
  s: Session,
  port: FleetPort,
  requestOf: (s: Session) => FleetRunRequest | undefined,
): Action[] {
  const f = s.facts?.fleets[s.state.fleet];
  if (!f) return [];
  const listed = f.runs.find((r) => isRunState(r.state, ...ACTIVE))?.name;
  const own = s.state.run;
  const running = own?.view && isRunState(own.view.state, ...ACTIVE) ? own.name : listed;
  const again = own?.view && isRunState(own.view.state, 'Failed', 'Stopped') ? own.name : undefined;
  const planned = s.state.planned;
  const actions: Action[] = [
    {
      key: 's',
      label: again
        ? `Start update run ${again} again (members not completed or skipped are updated)`
        : `Create and start the planned update run on fleet ${f.at.name}`,
      unavailable: running
        ? `update run ${running} is running: a follows it`
        : !planned && !again
          ? 'plan it first (p)'
          : undefined,
      run: () => start(s, port, f.at, again, planned?.request ?? requestOf(s)),
    },
  ];
  if (running)
    actions.push(
      {
        key: 'a',
        label: `Follow update run ${running} (re-attach; reads only)`,
        local: true,
        run: () => attach(s, port, f.at, running),
      },
      {
        key: 'x',
        label: `Stop update run ${running} (members updating finish; no other starts)`,
        // It only stops what runs: a look failing meanwhile must not take it away.
        stopsOnly: true,
        run: () =>
          change(s, f.at, running, 'stop', `stop update run ${running}`, () =>
            port.stop(s.ctx.connection, s.ctx.mode, f.at, running),
          ),
      },
    );
  const target = skipTarget(s);
  const name = own?.name ?? running;
  if (target && name)
    for (const [key, type, what] of [
      ['m', 'Member', target.member],
      ['g', 'Group', target.group],
      ['n', 'Stage', target.stage],
    ] as const)
      actions.push({
        key,
        label: `Skip ${type.toLowerCase()} ${what} in update run ${name}`,
        run: () =>
          change(
            s,
            f.at,
            name,
            'skip',
            `skip ${type.toLowerCase()} ${what} in update run ${name}`,
            () => port.skip(s.ctx.connection, s.ctx.mode, f.at, name, [{ type, name: what }]),
          ),
      });
  return actions;
}

/** The member to skip: the first that failed in the run, else the first the plan found blocked. */
function skipTarget(s: Session): { stage: string; group: string; member: string } | undefined {
  const view = s.state.run?.view;
  const failed = view ? failedMembers(view)[0] : undefined;
  if (failed) return failed;
  if (!s.state.run) return undefined;
  const done = new Set(
    view?.stages.flatMap((st) =>
      st.groups.flatMap((g) =>
        g.members.filter((m) => !isRunState(m.state, 'NotStarted')).map((m) => m.name),
      ),
    ),
  );
  const blocked = s.state.planned?.plan.stages
    .flatMap((st) => st.groups.flatMap((g) => g.members))
    .find((m) => m.readiness === 'blocked' && !done.has(m.member));
  return blocked && { stage: blocked.stage, group: blocked.group, member: blocked.member };
}

async function start(
  s: Session,
  port: FleetPort,
  fleet: FleetRef,
  again: string | undefined,
  planned: FleetRunRequest | undefined,
): Promise<void> {
  if (!planned) return;
  const request = again ? { ...planned, name: again } : planned;
  const members = s.state.planned?.plan.stages.flatMap((st) => st.groups.flatMap((g) => g.members));
  const skipped = new Set(
    s.state.run?.view?.stages.flatMap((st) =>
      st.groups.flatMap((g) =>
        g.members.filter((m) => isRunState(m.state, 'Skipped')).map((m) => m.name),
      ),
    ),
  );
  // Starting a run again resumes it with its own spec, not today's choices: say that one, and
  // leave out a plan that may be of other choices.
  const ownChange = again ? s.state.run?.view?.change : undefined;
  const blocked = again
    ? []
    : (members?.filter((m) => m.readiness === 'blocked' && !skipped.has(m.member)) ?? []);
  const what = ownChange
    ? ownChange
    : request.type === 'NodeImageOnly'
      ? `node images (${request.nodeImage})`
      : `${request.type} upgrade to ${request.kubernetesVersion ?? '?'}, node image ${request.nodeImage}`;
  const change = again
    ? `start update run ${request.name} again: ${what}`
    : `create and start update run ${request.name}: ${what}, over ${plural(members?.length ?? 0, 'member cluster')} in the planned order`;
  await s.change({
    wire: 'arm',
    what: change,
    dryRun: [`Dry run: ${change} was shown, not sent. Nothing was changed.`],
    dryRunDetail: { fleet: fleet.id, run: request.name, type: request.type },
    confirm: {
      cluster: `fleet ${fleet.name}`,
      change,
      details: [
        `Fleet ${fleet.name} in ${fleet.resourceGroup}, subscription ${fleet.subscriptionId}`,
        ...blocked.map((m) => `${m.member} is blocked: ${m.reasons[0] ?? ''}`),
      ],
      typed: fleet.name,
    },
    run: async (_progress, signal) => {
      // Sent and its answer never came: journaled unknown, said so; not followed (it may not run).
      const sent = await unlessUnheard(() =>
        s.ctx.journal.mutation(
          {
            step: 'fleet',
            action: again ? 'start update run' : 'create and start update run',
            target: `fleet/${fleet.name}/${request.name}`,
            detail: again ? { run: request.name, again: true } : { request },
          },
          () => port.start(s.ctx.connection, s.ctx.mode, request),
        ),
      );
      if (isUnheard(sent)) return sent;
      return follow(s, port, fleet, request.name, signal);
    },
    verify: 'after',
    done: (view) =>
      isUnheard(view)
        ? {
            result: unheardLines(
              again
                ? `The request to start update run ${request.name}`
                : `The request to create and start update run ${request.name}`,
              'start',
              fleet,
              request.name,
              view,
            ),
          }
        : {
            ...endOf(view, request.name),
            changed: `update run ${request.name}`,
            failed: isRunState(view?.state, 'Failed'),
          },
  });
}

/** A stop or a skip: typed fleet name, journaled, allowed while a run is being followed. */
async function change(
  s: Session,
  fleet: FleetRef,
  run: string,
  kind: 'stop' | 'skip',
  what: string,
  act: () => Promise<RunView>,
): Promise<void> {
  await s.change({
    wire: 'arm',
    what,
    whileBusy: true,
    // A stop plans nothing on the facts; a skip names what the run does next, as last looked.
    ...(kind === 'stop' ? { stopsOnly: true } : {}),
    dryRun: [`Dry run: ${what} was shown, not sent. Nothing was changed.`],
    confirm: { cluster: `fleet ${fleet.name}`, change: what, typed: fleet.name },
    run: () =>
      unlessUnheard(() =>
        s.ctx.journal.mutation(
          { step: 'fleet', action: what.split(' in ')[0]!, target: `fleet/${fleet.name}/${run}` },
          act,
        ),
      ),
    verify: 'after',
    done: (view) => {
      if (isUnheard(view))
        return { result: unheardLines(`The request to ${what}`, kind, fleet, run, view) };
      s.set({ run: { name: run, view } });
      return { result: [`✔ Done: ${what}.`, `Update run ${run}: ${view.state}.`] };
    },
  });
}
