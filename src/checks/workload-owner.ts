import type { ObjectMeta, OwnedObject, OwnerRef } from '../model/pods.js';

/** A workload as the operator knows it: `Deployment/web`, `CronJob/backup`, or a bare `Pod/x`. */
export interface WorkloadRef {
  kind: string;
  name: string;
}

/** The ReplicaSets and Jobs between pods and their workloads, by uid. */
export type OwnerLinks = ReadonlyMap<string, OwnedObject>;

/** Indexes ReplicaSets and Jobs by uid, for `workloadOf`. */
export function ownerLinks(intermediates: readonly OwnedObject[]): OwnerLinks {
  return new Map(intermediates.map((o) => [o.metadata?.uid ?? '', o]));
}

/** The controlling owner reference (else the first one). */
function controllerOf(refs: readonly OwnerRef[] | undefined): OwnerRef | undefined {
  return refs?.find((r) => r.controller) ?? refs?.[0];
}

/**
 * The workload that owns a pod, following owner references by uid one level further through a
 * ReplicaSet (to its Deployment) or a Job (to its CronJob). When that ReplicaSet or Job is not
 * in `links` (unread, or not owned), the pod stays with it; a pod without an owner is its own.
 * Names are never parsed: a ReplicaSet called `web-5d9c7b6f4` may belong to no Deployment.
 */
export function workloadOf(pod: { metadata?: ObjectMeta }, links: OwnerLinks): WorkloadRef {
  let owner = controllerOf(pod.metadata?.ownerReferences);
  if (owner && (owner.kind === 'ReplicaSet' || owner.kind === 'Job')) {
    const parent = controllerOf(links.get(owner.uid)?.metadata?.ownerReferences);
    if (parent) owner = parent;
  }
  return owner
    ? { kind: owner.kind, name: owner.name }
    : { kind: 'Pod', name: pod.metadata?.name ?? '' };
}
