import { putCluster, putPool } from '../../azure/upgrade-ops.js';
import { blockingPdb } from '../rotation/explain.js';
import type { Ending } from '../rotation/follow.js';
import { lroTiming, operationChange, type OperationTimings } from '../rotation/operation-change.js';
import type { StepSession } from '../lifecycle/step-session.js';
import { controlPlaneBody, describeClusterPut, describePoolPut, poolBody } from './bodies.js';
import type { UpgradesFacts } from './inspect.js';
import type { UpgradesState } from './state.js';

type Session = StepSession<UpgradesFacts, UpgradesState>;

/** Remembers a failed operation (and the PDB AKS named), for `d` to open the drain step. */
function ended(s: Session, pool: string | undefined, action: string) {
  return (ending: Ending): void => {
    if (ending.kind !== 'failed') return s.set({ lastFailed: undefined });
    const blockedBy = blockingPdb(ending.failure.message);
    s.set({ lastFailed: { pool, action, ...(blockedBy ? { blockedBy } : {}) } });
  };
}

/** Upgrades the control plane to the chosen target (pools keep their versions). */
export async function upgradeControlPlane(s: Session, t: OperationTimings): Promise<void> {
  const to = s.state.target;
  if (!s.facts || !to) return;
  const { ctx } = s;
  const arm = ctx.connection.arm!;
  const read = await arm.client.managedClusters.get(arm.at.resourceGroup, arm.at.name);
  const body = controlPlaneBody(read, to);
  const shown = describeClusterPut(ctx.cluster, body);
  const what = `Control-plane upgrade to ${to}`;
  await s.change(
    operationChange(
      ctx,
      {
        intent: {
          step: ctx.id,
          action: 'upgrade control plane',
          target: `managedCluster/${ctx.cluster}`,
          detail: { to },
        },
        what,
        target: {},
        start: () => putCluster(arm.client, arm.at, body, lroTiming(t)),
        onUpdate: (rotation) => s.set({ rotation }),
        ...(t.nodePollMs ? { pollMs: t.nodePollMs } : {}),
      },
      {
        plan: shown,
        confirm: {
          cluster: ctx.cluster,
          change: `Upgrade the control plane of ${ctx.cluster} from ${s.facts.versions.controlPlane.current} to ${to} (pools stay on their versions)`,
          details: [
            'The API server restarts during the upgrade; it cannot be downgraded afterwards.',
            ...shown,
          ],
          typed: ctx.cluster,
        },
        dryRunWhat: 'control-plane PUT',
        dryRunDetail: { to },
        dryRun: ['Dry run: this PUT was not sent; nothing changed.'],
        afterwards: ' Versions were read again above.',
      },
      {
        ended: ended(s, undefined, 'upgrade control plane'),
        again: () => upgradeControlPlane(s, t),
      },
    ),
  );
}

/** Upgrades one pool to the control plane's version (the same version retries a failed one). */
export async function upgradePool(s: Session, name: string, t: OperationTimings): Promise<void> {
  const pool = s.facts?.versions.pools.find((p) => p.name === name);
  if (!s.facts || !pool) return;
  const { ctx } = s;
  const arm = ctx.connection.arm!;
  const to = s.facts.versions.controlPlane.current;
  const read = await arm.client.agentPools.get(arm.at.resourceGroup, arm.at.name, name);
  const body = poolBody(read, to);
  const shown = describePoolPut(name, body);
  const same = pool.current === to;
  await s.change(
    operationChange(
      ctx,
      {
        intent: {
          step: ctx.id,
          action: 'upgrade pool',
          target: `agentPool/${name}`,
          detail: { to },
        },
        what: `Upgrade of pool ${name} to ${to}`,
        pool: name,
        target: { kubelet: to },
        start: () => putPool(arm.client, arm.at, name, body, lroTiming(t)),
        onUpdate: (rotation) => s.set({ rotation }),
        ...(t.nodePollMs ? { pollMs: t.nodePollMs } : {}),
      },
      {
        plan: shown,
        confirm: {
          cluster: ctx.cluster,
          change: same
            ? `Retry the upgrade of pool ${name} at ${to} (same-version PUT) on ${ctx.cluster}`
            : `Upgrade pool ${name} (${pool.count} nodes) of ${ctx.cluster} from ${pool.current} to ${to}: every node is cordoned, drained and reimaged`,
          details: [
            `maxSurge ${pool.settings.maxSurge ?? '10%'}, drain timeout ${pool.settings.drainTimeoutInMinutes ?? 30} min, undrainable nodes: ${pool.settings.undrainableNodeBehavior ?? 'Schedule'}`,
            ...shown,
          ],
          typed: ctx.cluster,
        },
        dryRunWhat: `PUT of pool ${name}`,
        dryRunDetail: { to },
        dryRun: ['Dry run: this PUT was not sent; nothing changed.'],
        afterwards: ' Versions were read again above.',
      },
      { ended: ended(s, name, 'upgrade pool'), again: () => upgradePool(s, name, t) },
    ),
  );
}
