import type { ContainerFacts, OwnerRef, PodObject } from '../../model/pods.js';

/** A workload as the operator knows it: a Deployment, StatefulSet, DaemonSet, CronJob, Job or bare Pod. */
export interface Workload {
  kind: string;
  namespace: string;
  name: string;
  pods: PodObject[];
}

function controllerOf(refs: OwnerRef[] | undefined): OwnerRef | undefined {
  return refs?.find((r) => r.controller) ?? refs?.[0];
}

/**
 * Groups pods by the workload that owns them, following owner references one level further
 * through ReplicaSets (to their Deployment) and Jobs (to their CronJob). A pod whose owner is
 * unknown stays with the nearest owner; a pod without an owner is its own workload.
 */
export function groupByWorkload(facts: ContainerFacts): Workload[] {
  const byUid = new Map(facts.intermediates.map((o) => [o.metadata?.uid ?? '', o]));
  const groups = new Map<string, Workload>();
  for (const pod of facts.pods) {
    const namespace = pod.metadata?.namespace ?? '';
    let owner = controllerOf(pod.metadata?.ownerReferences);
    if (owner && (owner.kind === 'ReplicaSet' || owner.kind === 'Job')) {
      const parent = controllerOf(byUid.get(owner.uid)?.metadata?.ownerReferences);
      if (parent) owner = parent;
    }
    const kind = owner?.kind ?? 'Pod';
    const name = owner?.name ?? pod.metadata?.name ?? '';
    const key = `${namespace}/${kind}/${name}`;
    const group = groups.get(key) ?? { kind, namespace, name, pods: [] };
    group.pods.push(pod);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) =>
    `${a.namespace}/${a.kind}/${a.name}`.localeCompare(`${b.namespace}/${b.kind}/${b.name}`),
  );
}
