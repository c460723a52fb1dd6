import type { AgentPool, ManagedCluster } from '@azure/arm-containerservice';
import { codeBlock, type ViewItem } from '../contract/view.js';

/**
 * Control plane only: the cluster as read with a new `kubernetesVersion`; every pool keeps the
 * `orchestratorVersion` it has, which is what tells AKS not to touch the pools.
 */
export function controlPlaneBody(
  read: ManagedCluster,
  to: string,
  overrideUntil?: Date,
): ManagedCluster {
  if (!overrideUntil) return { ...read, kubernetesVersion: to };
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

/** One pool: the pool as read with a new `orchestratorVersion` (the same one = retry/reconcile). */
export function poolBody(read: AgentPool, to: string): AgentPool {
  return { ...read, orchestratorVersion: to };
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
    '(every other property is sent back exactly as read)',
  ];
}

/** The pool PUT as the operator should see it. */
export function describePoolPut(pool: string, body: AgentPool): ViewItem[] {
  return [
    `PUT …/agentPools/${pool}`,
    codeBlock(
      JSON.stringify({ properties: { orchestratorVersion: body.orchestratorVersion } }, null, 2),
    ),
    '(every other property is sent back exactly as read)',
  ];
}
