import { azControlPlaneUpgrade, azPoolUpgrade } from '../../model/equivalent-commands.js';
import { putCluster, putPool } from '../../azure/upgrade-ops.js';
import { drainRulesOf } from '../rotation/estimate.js';
import { blockingPdb, DEPRECATED_API_BLOCK } from '../rotation/explain.js';
import type { Ending } from '../rotation/follow.js';
import { lroTiming, operationChange, type OperationTimings } from '../rotation/operation-change.js';
import type { StepSession } from '../lifecycle/step-session.js';
import { breakDetails } from '../../checks/versions/target-breaks.js';
import { poolBlockers } from '../../checks/versions/pool-blockers.js';
import { skipWarning } from '../../checks/versions/planner.js';
import { onLtsPlan } from '../../checks/versions/support.js';
import { poolsAksMayRoll } from '../../checks/versions/pools-aks-may-roll.js';
import { poolDrainLines, poolsAfterLines } from './drain-truth.js';
import {
  batchSettingsText,
  batchText,
  upgradeBatch,
  type UpgradeBatch,
} from '../../checks/versions/upgrade-batch.js';
import { capacityLoss, capacityWords } from '../../checks/versions/capacity-loss.js';
import { viewLines } from '../contract/view.js';
import {
  activeOverrideUntil,
  controlPlaneBody,
  describeClusterPut,
  describePoolPut,
  leftOverrideLine,
  overrideDrainLine,
  poolBody,
} from './bodies.js';
import type { UpgradesFacts } from './inspect.js';
import type { UpgradesState } from './state.js';
import { plural } from '../../model/plural.js';

type Session = StepSession<UpgradesFacts, UpgradesState>;

/** How long AKS's override lasts when the operator takes it (az aks upgrade's default). */
export const OVERRIDE_DAYS = 3;

/** The confirmation lines saying what the chosen target breaks, and what the override means. */
function breakLines(s: Session, to: string, overrideUntil: Date | undefined): string[] {
  const impact = s.facts?.impact.find((b) => b.version === to);
  const lines = impact ? breakDetails(impact) : [];
  if (overrideUntil)
    lines.push(
      `AKS refused this upgrade because clients recently used APIs it removes. This sends upgradeSettings.overrideSettings (forceUpgrade, until ${overrideUntil.toISOString()}): AKS skips that check until then, and those clients and manifests fail after the upgrade.`,
      overrideDrainLine(overrideUntil),
    );
  return lines;
}

function optional(line: string | undefined): string[] {
  return line ? [line] : [];
}

/**
 * Remembers a failed operation (and the PDB AKS named, for `d` to open the drain step; the
 * version a control-plane PUT asked for, `to`, which its retry sends again).
 */
function ended(s: Session, pool: string | undefined, action: string, to?: string) {
  return (ending: Ending): void => {
    if (ending.kind !== 'failed') return s.set({ lastFailed: undefined });
    const blockedBy = blockingPdb(ending.failure.message);
    const deprecatedApis = DEPRECATED_API_BLOCK.test(ending.failure.message);
    s.set({
      lastFailed: {
        pool,
        action,
        ...(to ? { to } : {}),
        ...(blockedBy ? { blockedBy } : {}),
        ...(deprecatedApis ? { deprecatedApis } : {}),
      },
    });
  };
}

/**
 * Upgrades the control plane to the chosen target, or to `version` (a retry: the failed one);
 * pools keep their versions. With `override`, sends AKS's time-limited override of its
 * deprecated-API check.
 */
export async function upgradeControlPlane(
  s: Session,
  t: OperationTimings,
  override = false,
  version?: string,
): Promise<void> {
  // A retry sends the failed PUT's own version, whatever target was picked since.
  const to = version ?? s.state.target;
  if (!s.facts || !to) return;
  const retry = version !== undefined;
  const notRetried = retry ? undefined : failedVersionBesides(s.state, to);
  // A target picked since the failure, which this retry does not send.
  const pickedSince = retry ? pickedBesides(s.state, to) : undefined;
  const { ctx } = s;
  const arm = ctx.connection.arm!;
  const read = await arm.client.managedClusters.get(arm.at.resourceGroup, arm.at.name);
  const overrideUntil = override ? new Date(Date.now() + OVERRIDE_DAYS * 24 * 3600_000) : undefined;
  const body = controlPlaneBody(read, to, overrideUntil);
  const shown = describeClusterPut(ctx.cluster, body);
  const what = `Control-plane upgrade to ${to}${override ? ' (deprecated-API override)' : ''}`;
  await s.change(
    operationChange(
      ctx,
      {
        intent: {
          step: ctx.id,
          action: 'upgrade control plane',
          target: `managedCluster/${ctx.cluster}`,
          detail: { to, ...(overrideUntil ? { overrideUntil: overrideUntil.toISOString() } : {}) },
        },
        what,
        target: {},
        start: (abortSignal) =>
          putCluster(arm.client, arm.at, body, { ...lroTiming(t), abortSignal }),
        onUpdate: (rotation) => s.set({ rotation }),
        ...(t.nodePollMs ? { pollMs: t.nodePollMs } : {}),
      },
      {
        plan: shown,
        confirm: {
          cluster: ctx.cluster,
          change: `${retry ? 'Retry the failed upgrade: upgrade' : 'Upgrade'} the control plane of ${ctx.cluster} from ${s.facts.versions.controlPlane.current} to ${to}${retry ? ' again' : ''} ${poolsWords(poolsAksMayRoll(s.facts.versions.pools))}${overrideUntil ? `, overriding AKS's deprecated-API check until ${overrideUntil.toISOString()}` : ''}${notRetried ? `; a new upgrade, not a retry of the failed PUT to ${notRetried}` : ''}`,
          details: [
            ...(pickedSince
              ? [
                  `This sends ${to}, the failed PUT's version, not ${pickedSince}, the target you picked since: c upgrades to ${pickedSince} instead, as a new upgrade.`,
                ]
              : []),
            ...(notRetried
              ? [
                  `The PUT to ${notRetried} failed; this one asks for ${to} instead. r would send ${notRetried} again.`,
                ]
              : []),
            'The API server restarts during the upgrade; it cannot be downgraded afterwards.',
            ...optional(
              skipWarning(
                s.facts.versions.controlPlane.current,
                to,
                onLtsPlan(s.facts.versions.supportPlan),
              ),
            ),
            ...breakLines(s, to, overrideUntil),
            ...optional(overrideUntil ? undefined : leftOverrideLine(read)),
            ...poolsAfterLines(
              s.facts.versions.pools.map((p) => ({
                pool: p.name,
                blockers: poolBlockers(p, s.facts!.drains.pdbs, s.facts!.drains.nodePools),
              })),
              s.facts.drains.unread,
            ),
            ...viewLines(shown),
          ],
          commands: azControlPlaneUpgrade(arm.at, to, s.mode.dryRun, overrideUntil),
          typed: ctx.cluster,
        },
        // Named with its version: the retry key says which version it sends again.
        dryRunWhat: `control-plane PUT to ${to}`,
        dryRunDetail: { to },
        dryRun: ['Dry run: this PUT was not sent; nothing changed.'],
        afterwards: ' Versions were read again above.',
      },
      {
        ended: ended(s, undefined, 'upgrade control plane', to),
        again: () => upgradeControlPlane(s, t, override, to),
        againNote: () => {
          const picked = pickedBesides(s.state, to);
          return picked
            ? `it sends ${to} again, not ${picked} you picked since (c sends ${picked}, as a new upgrade)`
            : undefined;
        },
      },
    ),
  );
}

/** The target picked on the screen when it is not `to` (the version a retry sends). */
function pickedBesides(state: UpgradesState, to: string): string | undefined {
  return state.target !== undefined && state.target !== to ? state.target : undefined;
}

/** The version of a failed control-plane PUT, when it is not `to`: `to` is then no retry of it. */
export function failedVersionBesides(state: UpgradesState, to: string): string | undefined {
  const failed = state.lastFailed;
  return failed && failed.pool === undefined && failed.to !== undefined && failed.to !== to
    ? failed.to
    : undefined;
}

/** How AKS takes the pool's nodes, before `each node`: surge, in place, or Spot (no drain). */
function upgradeWay(batch: UpgradeBatch): string {
  if (batch.noDrain)
    return 'AKS adds no surge nodes to a Spot pool and does not drain it (PodDisruptionBudgets not honoured); it cordons, sends an eviction notice to the pods of';
  return batch.mode === 'in-place'
    ? 'AKS adds no surge nodes; it cordons and drains'
    : 'AKS adds surge nodes, then cordons and drains';
}

/** Upgrades one pool to the control plane's version (the same version retries a failed one). */
export async function upgradePool(s: Session, name: string, t: OperationTimings): Promise<void> {
  const pool = s.facts?.versions.pools.find((p) => p.name === name);
  if (!s.facts || !pool) return;
  const { ctx } = s;
  const arm = ctx.connection.arm!;
  const to = s.facts.versions.controlPlane.current;
  // The cluster too: a force-upgrade override still active there makes AKS drain this pool past
  // its budgets, whatever the pool's own settings say.
  const [read, cluster] = await Promise.all([
    arm.client.agentPools.get(arm.at.resourceGroup, arm.at.name, name),
    arm.client.managedClusters.get(arm.at.resourceGroup, arm.at.name),
  ]);
  const forcedUntil = activeOverrideUntil(cluster);
  const body = poolBody(read, to);
  const shown = describePoolPut(name, body);
  const same = pool.current === to;
  // Said before the question: an in-place upgrade leaves the pool short of nodes meanwhile.
  const loss = capacityLoss(pool.settings, pool.count);
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
        drain: drainRulesOf(pool.settings, ctx.connection.timeScale),
        start: (abortSignal) =>
          putPool(arm.client, arm.at, name, body, { ...lroTiming(t), abortSignal }),
        onUpdate: (rotation) => s.set({ rotation }),
        ...(t.nodePollMs ? { pollMs: t.nodePollMs } : {}),
      },
      {
        plan: shown,
        confirm: {
          cluster: ctx.cluster,
          change: same
            ? `Retry the upgrade of pool ${name} at ${to} (same-version PUT) on ${ctx.cluster}`
            : `Upgrade pool ${name} (${plural(pool.count, 'node')}) of ${ctx.cluster} from ${pool.current} to ${to}: ${upgradeWay(upgradeBatch(pool.settings, pool.count))} ${pool.count === 1 ? 'the node' : 'each node'} and replaces or reimages it on the new version`,
          details: [
            `${batchSettingsText(pool.settings)}: ${batchText(upgradeBatch(pool.settings, pool.count))}.`,
            ...optional(loss && capacityWords(name, loss)),
            ...optional(forcedUntil && overrideDrainLine(forcedUntil)),
            ...poolDrainLines(
              pool.settings,
              poolBlockers(pool, s.facts.drains.pdbs, s.facts.drains.nodePools),
              s.facts.drains.unread,
            ),
            ...viewLines(shown),
          ],
          commands: [azPoolUpgrade(arm.at, name, to, s.mode.dryRun)],
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

/** What the control-plane question says of the pools: untouched, unless AKS may roll some. */
function poolsWords(rolling: readonly string[]): string {
  return rolling.length === 0
    ? '(pools stay on their versions)'
    : `(AKS may also roll pool ${rolling.join(', ')}: a failed earlier upgrade or nodes on mixed versions; the other pools keep their versions)`;
}
