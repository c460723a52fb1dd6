import type { AgentPool, ManagedCluster } from '@azure/arm-containerservice';
import { codeBlock, type ViewItem } from '../contract/view.js';
import { sendableCluster } from '../../azure/put-cluster.js';

/**
 * Control plane only: the cluster as read (fit to send back) with a new `kubernetesVersion`; every
 * pool keeps the `orchestratorVersion` it has, which is what tells AKS not to touch the pools.
 */
export function controlPlaneBody(
  readCluster: ManagedCluster,
  to: string,
  overrideUntil?: Date,
): ManagedCluster {
  const read = sendableCluster(readCluster);
  if (!overrideUntil) {
    // A PUT sends the whole cluster back: an override left from an earlier forced upgrade would
    // ride along and make AKS skip its checks unasked, so it is turned off explicitly.
    const left = read.upgradeSettings?.overrideSettings;
    if (left?.forceUpgrade !== true) return { ...read, kubernetesVersion: to };
    return {
      ...read,
      kubernetesVersion: to,
      upgradeSettings: {
        ...read.upgradeSettings,
        overrideSettings: { ...left, forceUpgrade: false },
      },
    };
  }
  // AKS's override of its upgrade validations (deprecated API use); it lapses at `until`.
  return {
    ...read,
    kubernetesVersion: to,
    upgradeSettings: {
      ...read.upgradeSettings,
      overrideSettings: { forceUpgrade: true, until: overrideUntil },
    },
  };
}

/** The `until` of the cluster's force-upgrade override while it is active (forceUpgrade true, until ahead), else undefined. */
export function activeOverrideUntil(
  readCluster: ManagedCluster,
  now = Date.now(),
): Date | undefined {
  const left = readCluster.upgradeSettings?.overrideSettings;
  if (left?.forceUpgrade !== true || !left.until) return undefined;
  const until = new Date(left.until);
  return until.getTime() > now ? until : undefined;
}

/**
 * What AKS does while its force-upgrade override lasts: the upgrade-options article (force
 * upgrade, API 2025-09-01+) has it drain past PodDisruptionBudgets, ahead of every other drain
 * setting; AKS compares only an upgrade's start time with `until`.
 */
export function overrideDrainLine(until: Date): string {
  return `While the force-upgrade override lasts (until ${until.toISOString()}), AKS drains past PodDisruptionBudgets in every upgrade of this cluster that starts before then, pool upgrades included: it evicts pods even where a budget forbids it, and services may go down.`;
}

/**
 * The force-upgrade override the cluster carries (`forceUpgrade: true`), as a confirmation line
 * saying the plain upgrade turns it off; undefined when there is none.
 */
export function leftOverrideLine(
  readCluster: ManagedCluster,
  now = Date.now(),
): string | undefined {
  const left = readCluster.upgradeSettings?.overrideSettings;
  if (left?.forceUpgrade !== true) return undefined;
  const until = left.until ? new Date(left.until) : undefined;
  const active = until !== undefined && until.getTime() > now;
  const when = until
    ? `${active ? 'active until' : 'lapsed at'} ${until.toISOString()}`
    : 'no until';
  return `The cluster carries AKS's force-upgrade override from an earlier upgrade (forceUpgrade true, ${when}): this PUT sends forceUpgrade false, so AKS runs its upgrade checks.`;
}

/**
 * One pool: the pool as read with a new `orchestratorVersion` (the same one = retry/reconcile),
 * without `creationData`: a snapshot the pool was made from is not what it upgrades to (az sets
 * it to the snapshot given with --snapshot-id, else none, on each pool upgrade).
 */
export function poolBody(read: AgentPool, to: string): AgentPool {
  const { creationData: _createdFrom, ...rest } = read;
  return { ...rest, orchestratorVersion: to };
}

/** The PUT as the operator should see it: the fields that change and the ones that must not. */
export function describeClusterPut(cluster: string, body: ManagedCluster): ViewItem[] {
  const wire = {
    properties: {
      kubernetesVersion: body.kubernetesVersion,
      agentPoolProfiles: (body.agentPoolProfiles ?? []).map((p) => ({
        name: p.name,
        orchestratorVersion: p.orchestratorVersion,
      })),
      ...(body.upgradeSettings?.overrideSettings
        ? { upgradeSettings: { overrideSettings: body.upgradeSettings.overrideSettings } }
        : {}),
    },
  };
  return [
    `PUT …/managedClusters/${cluster}`,
    codeBlock(JSON.stringify(wire, null, 2)),
    `(every other property is sent back as read, ${guard(body.eTag)}; the service principal profile, read without its secret, is left out)`,
  ];
}

/** The pool PUT as the operator should see it. */
export function describePoolPut(pool: string, body: AgentPool): ViewItem[] {
  return [
    `PUT …/agentPools/${pool}`,
    codeBlock(
      JSON.stringify({ properties: { orchestratorVersion: body.orchestratorVersion } }, null, 2),
    ),
    `(every other property is sent back as read, ${guard(body.eTag)}; creationData, the snapshot it was made from, is left out)`,
  ];
}

/** The precondition the PUT carries, in words: none is sent when the read gave no eTag. */
function guard(eTag: string | undefined): string {
  return eTag
    ? 'If-Match its eTag'
    : 'without If-Match (the read gave no eTag, so a change made meanwhile is not guarded against)';
}
