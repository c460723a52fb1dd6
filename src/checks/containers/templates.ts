import type { ControllerObject, PodObject, PodTemplate } from '../../model/pods.js';
import type { Workload } from './workloads.js';

/** Why a controller has no pod now, as its template's findings say it: `0 replicas`, `suspended`. */
function whyNoPods(c: ControllerObject): string {
  if (c.spec?.suspend === true) return 'suspended';
  if (c.spec?.replicas === 0) return '0 replicas';
  if (c.kind === 'DaemonSet' && c.status?.desiredNumberScheduled === 0) return 'no node matches';
  return 'no pods now';
}

/** The pod template of a controller: a CronJob's is in its Job template. */
function templateOf(c: ControllerObject): PodTemplate | undefined {
  return c.kind === 'CronJob' ? c.spec?.jobTemplate?.spec?.template : c.spec?.template;
}

/** A Job that has finished (its `Complete` or `Failed` condition is true) starts no pod again. */
function finished(c: ControllerObject): boolean {
  return (
    c.kind === 'Job' &&
    (c.status?.conditions ?? []).some(
      (k) => (k.type === 'Complete' || k.type === 'Failed') && k.status === 'True',
    )
  );
}

/**
 * Whether another object speaks for this one's pods: a ReplicaSet or Job with an owner (a
 * Deployment, a CronJob) makes its pods from the owner's template, so the owner's is judged (the
 * pod grouping follows the same owner reference).
 */
function owned(c: ControllerObject): boolean {
  return (
    (c.kind === 'ReplicaSet' || c.kind === 'Job') && (c.metadata?.ownerReferences ?? []).length > 0
  );
}

/** The key a workload is grouped under (as `groupByWorkload` makes it). */
export function workloadKey(w: { namespace: string; kind: string; name: string }): string {
  return `${w.namespace}/${w.kind}/${w.name}`;
}

/**
 * The workloads judged by their pod template, because no pod of theirs is there to judge: every
 * controller whose key is not in `present` (the workloads the pods were grouped into), except a
 * ReplicaSet or Job that has an owner (the owner's template is judged) and a finished Job. A pod
 * template is what the controller's next pod runs (a Deployment scaled up, a CronJob's next
 * schedule, a node joining a DaemonSet's pool), so its privileges are as real as a running pod's.
 * Each such workload holds one pod made from the template, and says why it has none. Pure.
 */
export function templateWorkloads(
  controllers: readonly ControllerObject[],
  present: ReadonlySet<string>,
): Workload[] {
  const out = new Map<string, Workload>();
  for (const c of controllers) {
    if (owned(c) || finished(c)) continue;
    const namespace = c.metadata?.namespace ?? '';
    const name = c.metadata?.name ?? '';
    const key = workloadKey({ namespace, kind: c.kind, name });
    if (present.has(key) || out.has(key)) continue;
    const template = templateOf(c);
    const pod: PodObject = {
      metadata: {
        namespace,
        name,
        ...(template?.metadata?.labels ? { labels: template.metadata.labels } : {}),
        ...(template?.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
      },
      ...(template?.spec ? { spec: template.spec } : {}),
    };
    out.set(key, { kind: c.kind, namespace, name, pods: [pod], template: whyNoPods(c) });
  }
  return [...out.values()];
}
