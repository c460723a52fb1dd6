import { poolOrder, refuseTarget } from '../../checks/versions/planner.js';
import { isRunningState } from '../../checks/versions/preflight.js';
import { putCluster, putPool, postAbort, type LroTiming } from '../../azure/upgrade-ops.js';
import type { Rotation } from '../rotation/state.js';
import { blockingPdb } from '../rotation/explain.js';
import { runOperation } from '../rotation/run-operation.js';
import type { StepContext, StepController, StepFactory } from '../lifecycle/legacy.js';
import type { StepActionView } from '../contract/view.js';
import type { StepEvent } from '../lifecycle/legacy.js';
import { controlPlaneBody, describeClusterPut, describePoolPut, poolBody } from './bodies.js';
import { inspectUpgrades, type UpgradesFacts } from './inspect.js';
import type { UpgradesState } from './state.js';

/** Timing knobs (tests run the simulator fast). */
export interface UpgradesOptions extends LroTiming {
  /** Wall-clock ms between node polls during an operation. */
  nodePollMs?: number;
}

/** The upgrades step's controller: choose a target, control plane first, then pools one at a time. */
export function upgradesController(opts: UpgradesOptions = {}): StepFactory {
  return (ctx: StepContext): StepController => {
    let facts: UpgradesFacts | undefined;
    const state: UpgradesState = { choices: [], systemFirst: true, queue: [] };
    const publish = (patch: Partial<UpgradesState> = {}): void => {
      Object.assign(state, patch);
      ctx.setState({ ...state });
      ctx.show({ actions: actions() });
    };
    const at = () => ctx.connection.arm!.at;
    const client = () => ctx.connection.arm!.client;
    const timing = { updateIntervalInMs: opts.updateIntervalInMs ?? 2000 };

    const inspect = async (): Promise<void> => {
      ctx.status({ kind: 'running' });
      const seen = await inspectUpgrades(ctx);
      facts = seen.facts;
      ctx.show({ summary: seen.summary, findings: seen.findings });
      publish({
        choices: facts.choices,
        current: facts.versions.controlPlane.current,
        queue: queue(),
      });
      ctx.status(
        seen.findings.length ? { kind: 'findings', count: seen.findings.length } : { kind: 'ok' },
      );
    };
    const queue = (): string[] =>
      facts
        ? poolOrder(
            facts.versions.pools,
            facts.versions.controlPlane.current,
            state.systemFirst,
          ).map((p) => p.name)
        : [];
    const busyNow = (): boolean =>
      !!facts &&
      (isRunningState(facts.versions.provisioningState) ||
        facts.versions.pools.some((p) => isRunningState(p.provisioningState)));

    const actions = (): StepActionView[] => {
      if (ctx.mode.readOnly || !facts) return [];
      const cp = facts.versions.controlPlane.current;
      const next = state.queue[0];
      return [
        {
          key: 't',
          label: 'Choose the target version',
          ...(facts.choices.length ? {} : { unavailable: 'no upgrade offered' }),
        },
        {
          key: 'c',
          label: `Upgrade the control plane${state.target ? ` to ${state.target}` : ''}`,
          ...(!state.target
            ? { unavailable: 'choose a target first (t)' }
            : state.target === cp
              ? { unavailable: 'already there' }
              : {}),
        },
        {
          key: 'n',
          label: next ? `Upgrade pool ${next} to ${cp}` : 'Upgrade the next pool',
          ...(next ? {} : { unavailable: 'every pool runs the control plane version' }),
        },
        { key: 'o', label: `Order: system pool ${state.systemFirst ? 'first' : 'last'} (switch)` },
        {
          key: 'a',
          label: 'Abort the running operation',
          ...(busyNow() ? {} : { unavailable: 'nothing is running' }),
        },
        { key: 'r', label: 'Look again (re-read versions and operations)' },
        ...(state.lastFailed?.blockedBy
          ? [
              {
                key: 'd',
                label: `Open the drain step: what PodDisruptionBudget ${state.lastFailed.blockedBy.namespace}/${state.lastFailed.blockedBy.pdb} blocks`,
              },
            ]
          : []),
      ];
    };

    const chooseTarget = (version: string, preview: boolean): void => {
      if (!facts) return;
      const refused = refuseTarget(facts.versions, version, preview);
      if (refused) {
        ctx.show({ result: [`✖ Not chosen: ${refused}`] });
        return;
      }
      publish({ target: version });
      ctx.show({
        plan: [
          `Control plane ${facts.versions.controlPlane.current} → ${version} (control plane only; pools untouched), typed confirmation.`,
          ...poolOrder(facts.versions.pools, version, state.systemFirst).map(
            (p) =>
              `Then pool ${p.name} (${p.mode}, ${p.count} nodes) ${p.current} → ${version}, its own confirmation.`,
          ),
        ],
        result: undefined,
      });
    };

    const switchOrder = (): void => {
      state.systemFirst = !state.systemFirst;
      publish({ queue: queue() });
    };

    const follow = (r: Rotation): void => publish({ rotation: r });

    const upgradeControlPlane = async (): Promise<void> => {
      if (!facts || !state.target) return;
      const to = state.target;
      const read = await client().managedClusters.get(at().resourceGroup, at().name);
      const body = controlPlaneBody(read, to);
      const shown = describeClusterPut(ctx.cluster, body);
      if (ctx.mode.dryRun) {
        await ctx.journal.note(ctx.id, 'dry run: control-plane PUT shown, not sent', { to });
        ctx.show({ plan: shown, result: ['Dry run: this PUT was not sent; nothing changed.'] });
        return;
      }
      ctx.show({ plan: shown, progress: undefined, result: undefined });
      const yes = await ctx.confirm({
        cluster: ctx.cluster,
        change: `Upgrade the control plane of ${ctx.cluster} from ${facts.versions.controlPlane.current} to ${to} (pools stay on their versions)`,
        details: [
          'The API server restarts during the upgrade; it cannot be downgraded afterwards.',
          ...shown,
        ],
        typed: ctx.cluster,
      });
      if (!yes) return void ctx.show({ result: ['Cancelled: nothing was sent.'] });
      await operate(
        'upgrade control plane',
        `managedCluster/${ctx.cluster}`,
        { to },
        `Control-plane upgrade to ${to}`,
        undefined,
        {},
        () => putCluster(client(), at(), body, timing),
      );
    };

    const upgradePool = async (name: string): Promise<void> => {
      if (!facts) return;
      const pool = facts.versions.pools.find((p) => p.name === name);
      if (!pool) return;
      const to = facts.versions.controlPlane.current;
      const read = await client().agentPools.get(at().resourceGroup, at().name, name);
      const body = poolBody(read, to);
      const shown = describePoolPut(name, body);
      if (ctx.mode.dryRun) {
        await ctx.journal.note(ctx.id, `dry run: PUT of pool ${name} shown, not sent`, { to });
        ctx.show({ plan: shown, result: ['Dry run: this PUT was not sent; nothing changed.'] });
        return;
      }
      ctx.show({ plan: shown, progress: undefined, result: undefined });
      const same = pool.current === to;
      const yes = await ctx.confirm({
        cluster: ctx.cluster,
        change: same
          ? `Retry the upgrade of pool ${name} at ${to} (same-version PUT) on ${ctx.cluster}`
          : `Upgrade pool ${name} (${pool.count} nodes) of ${ctx.cluster} from ${pool.current} to ${to}: every node is cordoned, drained and reimaged`,
        details: [
          `maxSurge ${pool.settings.maxSurge ?? '10%'}, drain timeout ${pool.settings.drainTimeoutInMinutes ?? 30} min, undrainable nodes: ${pool.settings.undrainableNodeBehavior ?? 'Schedule'}`,
          ...shown,
        ],
        typed: ctx.cluster,
      });
      if (!yes) return void ctx.show({ result: ['Cancelled: nothing was sent.'] });
      await operate(
        'upgrade pool',
        `agentPool/${name}`,
        { to },
        `Upgrade of pool ${name} to ${to}`,
        name,
        { kubelet: to },
        () => putPool(client(), at(), name, body, timing),
      );
    };

    const operate = async (
      action: string,
      target: string,
      detail: Record<string, unknown>,
      what: string,
      pool: string | undefined,
      rotationTarget: { kubelet?: string },
      start: () => ReturnType<typeof putCluster>,
    ): Promise<void> => {
      const started = Date.now();
      const done = await runOperation(ctx, {
        intent: { step: ctx.id, action, target, detail },
        what,
        ...(pool ? { pool } : {}),
        target: rotationTarget,
        start,
        onUpdate: follow,
        ...(opts.nodePollMs ? { pollMs: opts.nodePollMs } : {}),
      });
      const blockedBy =
        done.ending.kind === 'failed' ? blockingPdb(done.ending.failure.message) : undefined;
      publish({
        lastFailed:
          done.ending.kind === 'failed'
            ? { pool, action, ...(blockedBy ? { blockedBy } : {}) }
            : undefined,
      });
      await inspect();
      const took = Math.round((Date.now() - started) / 1000);
      ctx.show({ result: [...done.lines, `Took ${took} s. Versions were read again above.`] });
      if (done.ending.kind === 'succeeded') ctx.status({ kind: 'changed', what });
    };

    const abort = async (): Promise<void> => {
      if (!facts) return;
      const pool = facts.versions.pools.find((p) => isRunningState(p.provisioningState))?.name;
      const on = pool ? `pool ${pool}` : `cluster ${ctx.cluster}`;
      if (ctx.mode.dryRun)
        return void ctx.show({ result: [`Dry run: the abort of ${on} was not sent.`] });
      const yes = await ctx.confirm({
        cluster: ctx.cluster,
        change: `Abort the running operation on ${on} (nodes already done stay done)`,
      });
      if (!yes) return void ctx.show({ result: ['Cancelled: nothing was sent.'] });
      await operate(
        'abort latest operation',
        pool ? `agentPool/${pool}` : `managedCluster/${ctx.cluster}`,
        {},
        `Abort on ${on}`,
        undefined,
        {},
        () => postAbort(client(), at(), pool, timing),
      );
    };

    return {
      open: async () => {
        if (!facts) await inspect();
      },
      send: async (event: StepEvent) => {
        if (ctx.mode.readOnly || !facts) return;
        if (event.type === 'target' && typeof event['version'] === 'string')
          return chooseTarget(event['version'], event['preview'] === true);
        if (event.type === 'order') return switchOrder();
        if (event.type === 'upgrade-pool' && typeof event['pool'] === 'string')
          return upgradePool(event['pool']);
        if (event.type !== 'action') return;
        const key = event['key'];
        const offered = actions().find((a) => a.key === key);
        if (!offered || offered.unavailable) return;
        if (key === 'c') return upgradeControlPlane();
        if (key === 'n' && state.queue[0]) return upgradePool(state.queue[0]);
        if (key === 'o') return switchOrder();
        if (key === 'a') return abort();
        if (key === 'd') return ctx.openStep('drain');
        if (key === 'r') {
          if (state.lastFailed?.pool) return upgradePool(state.lastFailed.pool);
          return inspect();
        }
      },
    };
  };
}
