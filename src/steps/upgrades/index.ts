import { poolOrder, refuseTarget } from '../../checks/versions/planner.js';
import { defineStep } from '../lifecycle/define.js';
import type { StepAction } from '../lifecycle/definition.js';
import type { StepSession } from '../lifecycle/step-session.js';
import { abortAction, refusalNow, type RunningFacts } from '../rotation/abort-action.js';
import { drainConflict } from '../rotation/board-fold.js';
import { type OperationTimings } from '../rotation/operation-change.js';
import {
  failedVersionBesides,
  OVERRIDE_DAYS,
  upgradeControlPlane,
  upgradePool,
} from './changes.js';
import { inspectUpgrades, type UpgradesFacts } from './inspect.js';
import type { UpgradesEvent, UpgradesState } from './state.js';
import { plural } from '../../model/plural.js';

type Session = StepSession<UpgradesFacts, UpgradesState>;

/** Pools behind the control plane, in the order the operator chose (system pool first or last). */
function queue(facts: UpgradesFacts, systemFirst: boolean): string[] {
  const cp = facts.versions.controlPlane.current;
  return poolOrder(facts.versions.pools, cp, systemFirst).map((p) => p.name);
}

/** The target version the operator chose on the screen: refused when AKS would refuse it. */
function chooseTarget(s: Session, version: string, preview: boolean): void {
  const facts = s.facts!;
  const refused = refuseTarget(facts.versions, version, preview);
  if (refused) return s.ctx.show({ result: [`✖ Not chosen: ${refused}`] });
  s.set({ target: version });
  const failed = failedVersionBesides(s.state, version);
  s.ctx.show({
    plan: [
      ...(failed
        ? [
            `The control-plane PUT to ${failed} failed: r retries it (sends ${failed} again); c upgrades to ${version} instead, a new upgrade, not a retry.`,
          ]
        : []),
      `Control plane ${facts.versions.controlPlane.current} → ${version} (control plane only; pools untouched), typed confirmation.`,
      ...poolOrder(facts.versions.pools, version, s.state.systemFirst).map(
        (p) =>
          `Then pool ${p.name} (${p.mode}, ${plural(p.count, 'node')}) ${p.current} → ${version}, its own confirmation.`,
      ),
    ],
    result: undefined,
  });
}

/** The control-plane key: the target it sends, and that it is no retry of a failed other one. */
function controlPlaneLabel(state: UpgradesState): string {
  if (!state.target) return 'Upgrade the control plane';
  const failed = failedVersionBesides(state, state.target);
  return `Upgrade the control plane to ${state.target}${failed ? ` (a new upgrade, not a retry of the failed ${failed})` : ''}`;
}

/** The provisioning states a look saw. */
function runningFacts(v: UpgradesFacts['versions']): RunningFacts {
  return { provisioningState: v.provisioningState, pools: v.pools };
}

/** The upgrades step's keys: target, control plane, next pool, order, abort, look again, drain. */
function actions(s: Session, t: OperationTimings): Array<StepAction<UpgradesFacts, UpgradesState>> {
  const facts = s.facts;
  if (!facts) return [];
  const { state } = s;
  const cp = facts.versions.controlPlane.current;
  const next = state.queue[0];
  const refused = refusalNow(s.ctx.operations, runningFacts(facts.versions));
  const blocked = state.lastFailed?.blockedBy;
  const failed = state.lastFailed;
  const refusedForApis =
    failed?.deprecatedApis && failed.pool === undefined ? failed.to : undefined;
  return [
    // The screen opens its version chooser on t; the choice comes back as a `target` event.
    {
      key: 't',
      label: 'Choose the target version',
      unavailable: facts.choices.length ? undefined : 'no upgrade offered',
      run: () => undefined,
    },
    {
      key: 'c',
      label: controlPlaneLabel(state),
      unavailable: !state.target
        ? 'choose a target first (t)'
        : state.target === cp
          ? 'already there'
          : refused,
      run: (run) => upgradeControlPlane(run, t),
    },
    {
      key: 'n',
      label: next ? `Upgrade pool ${next} to ${cp}` : 'Upgrade the next pool',
      unavailable: next
        ? (refused ?? drainConflict(s.ctx.operations?.draining, next))
        : 'every pool runs the control plane version',
      run: (run) => upgradePool(run, next!, t),
    },
    {
      key: 'o',
      label: `Order: system pool ${state.systemFirst ? 'first' : 'last'} (switch)`,
      run: (run) =>
        run.set({
          systemFirst: !run.state.systemFirst,
          queue: queue(facts, !run.state.systemFirst),
        }),
    },
    abortAction(s, runningFacts(facts.versions), t, (run) => run.set({ lastFailed: undefined })),
    {
      key: 'r',
      looksAgain: true,
      label: 'Look again (re-read versions and operations)',
      run: async (run) => {
        // ARM is read again on r: an operation someone else started shows at once.
        await run.ctx.operations?.readArm().catch(() => undefined);
        await run.retryOrLook();
      },
    },
    // The override answers AKS's refusal of one version: it sends that version again, never a
    // target picked since (AKS has not checked that one).
    ...(refusedForApis
      ? [
          {
            key: 'f',
            label: `Upgrade to ${refusedForApis} anyway: AKS's deprecated-API override for ${OVERRIDE_DAYS} days`,
            run: (run: Session) => upgradeControlPlane(run, t, true, refusedForApis),
          },
        ]
      : []),
    ...(blocked
      ? [
          {
            key: 'd',
            label: `Open the drain step: what PodDisruptionBudget ${blocked.namespace}/${blocked.pdb} blocks`,
            run: (run: Session) => run.ctx.openStep('drain'),
          },
        ]
      : []),
  ];
}

/** The upgrades step with its timing options (tests run the simulator fast). */
export function makeUpgradesStep(t: OperationTimings = {}) {
  return defineStep<UpgradesFacts, UpgradesState, UpgradesEvent>({
    id: 'upgrades',
    inspect: inspectUpgrades,
    initial: { choices: [], systemFirst: true, queue: [] },
    seen: (s, seen) =>
      s.set({
        choices: seen.facts.choices,
        impact: seen.facts.impact,
        current: seen.facts.versions.controlPlane.current,
        queue: queue(seen.facts, s.state.systemFirst),
      }),
    actions: (s) => actions(s, t),
    on: {
      target: (event, s) => {
        if (!s.mode.readOnly) chooseTarget(s, event.version, event.preview === true);
      },
    },
  });
}

/** The upgrades step: versions, blockers, then control plane and pools upgraded one at a time. */
export const upgradesStep = makeUpgradesStep();
