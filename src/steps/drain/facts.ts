import type { V1DaemonSet, V1Node, V1PodDisruptionBudget } from '@kubernetes/client-node';
import type { LeanPod } from '../../kube/lean-pod.js';
import type { DrainNode } from '../../model/drain.js';
import {
  KURED_LOCK_ANNOTATION,
  aksQuarantined,
  kuredLockHolders,
  needsReboot,
} from '../../checks/drain/nodes.js';
import type { DrainPdb, DrainPod } from '../../model/drain.js';
import { isNodeReady } from '../../kube/nodes.js';
import { knownDisruptionsAllowed, pdbStatusBehind } from '../../kube/pdb-status.js';

// The cluster's objects in the drain planner's terms (pure mappings, no requests).

/** A pod in the drain planner's terms. */
export function toDrainPod(pod: LeanPod): DrainPod {
  const owner = pod.metadata?.ownerReferences?.find((o) => o.controller === true);
  return {
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    uid: pod.metadata?.uid ?? '',
    phase: pod.status?.phase ?? 'Unknown',
    labels: pod.metadata?.labels ?? {},
    ...(owner ? { controller: { kind: owner.kind, name: owner.name } } : {}),
    mirror: pod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined,
    emptyDir: pod.spec?.volumes?.some((v) => v.emptyDir !== undefined) ?? false,
    terminating: !!pod.metadata?.deletionTimestamp,
    ready: pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
  };
}

/** A PDB in the drain planner's terms. */
export function toDrainPdb(pdb: V1PodDisruptionBudget): DrainPdb {
  const selector = pdb.spec?.selector;
  return {
    namespace: pdb.metadata?.namespace ?? '',
    name: pdb.metadata?.name ?? '',
    ...(selector ? { selector } : {}),
    disruptionsAllowed: knownDisruptionsAllowed(pdb),
    ...(pdbStatusBehind(pdb) ? { statusBehind: true } : {}),
    currentHealthy: pdb.status?.currentHealthy ?? 0,
    desiredHealthy: pdb.status?.desiredHealthy ?? 0,
    ...(pdb.spec?.unhealthyPodEvictionPolicy
      ? { unhealthyPodEvictionPolicy: pdb.spec.unhealthyPodEvictionPolicy }
      : {}),
  };
}

const PRESSURE = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'];

/** A node as the drain step lists it; `lockHolders` are the nodes kured's lock names. */
export function toDrainNode(node: V1Node, podCount: number, lockHolders: string[]): DrainNode {
  const name = node.metadata?.name ?? '';
  const labels = node.metadata?.labels ?? {};
  const ready = isNodeReady(node);
  const conditions = (node.status?.conditions ?? [])
    .filter((c) => PRESSURE.includes(c.type) && c.status === 'True')
    .map((c) => c.type);
  if (!ready) conditions.unshift('NotReady');
  return {
    name,
    pool: labels['kubernetes.azure.com/agentpool'] ?? labels['agentpool'] ?? '',
    ready,
    schedulable: node.spec?.unschedulable !== true,
    conditions,
    rebootNeeded: needsReboot(node.metadata?.annotations),
    kuredLock: lockHolders.includes(name),
    ...(aksQuarantined(labels) ? { aksQuarantined: true } : {}),
    podCount,
  };
}

/** The nodes kured's lock names, from any DaemonSet carrying the lock annotation. */
export function kuredLockOf(daemonSets: readonly V1DaemonSet[]): string[] {
  return daemonSets.flatMap((ds) =>
    kuredLockHolders(ds.metadata?.annotations?.[KURED_LOCK_ANNOTATION]),
  );
}
