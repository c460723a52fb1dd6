import type { ContainerFacts, PodObject } from '../../model/pods.js';
import { ownerLinks, workloadOf } from '../workload-owner.js';

/** A workload as the operator knows it: a Deployment, StatefulSet, DaemonSet, CronJob, Job or bare Pod. */
export interface Workload {
  kind: string;
  namespace: string;
  name: string;
  pods: PodObject[];
  /**
   * Set when no pod of the workload was there and its pod template was judged instead (the one
   * pod in `pods` is made from it): why there is no pod, e.g. `0 replicas`, `suspended`.
   */
  template?: string;
}

/**
 * Groups pods by the workload that owns them, following owner references one level further
 * through ReplicaSets (to their Deployment) and Jobs (to their CronJob). A pod whose owner is
 * unknown stays with the nearest owner; a pod without an owner is its own workload.
 */
export function groupByWorkload(facts: ContainerFacts): Workload[] {
  const links = ownerLinks(facts.intermediates);
  const groups = new Map<string, Workload>();
  for (const pod of facts.pods) {
    const namespace = pod.metadata?.namespace ?? '';
    const { kind, name } = workloadOf(pod, links);
    const key = `${namespace}/${kind}/${name}`;
    const group = groups.get(key) ?? { kind, namespace, name, pods: [] };
    group.pods.push(pod);
    groups.set(key, group);
  }
  return byWorkloadKey([...groups.values()], (w) => w);
}

/**
 * `items` in the order of their workloads' `namespace/kind/name` (as `groupByWorkload` orders
 * them); each key is made once, not twice per comparison. A stable sort.
 */
export function byWorkloadKey<T>(items: readonly T[], workload: (item: T) => Workload): T[] {
  return items
    .map((item) => {
      const w = workload(item);
      return { key: `${w.namespace}/${w.kind}/${w.name}`, item };
    })
    .sort((a, b) => a.key.localeCompare(b.key))
    .map(({ item }) => item);
}
