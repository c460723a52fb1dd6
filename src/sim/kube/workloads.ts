import { createHash, randomInt } from 'node:crypto';
import type { SimClock } from '../clock.js';
import type { KubeObject } from '../contracts.js';
import { reconcileDeployment, type RolloutHost } from './deployment-controller.js';
import { reconcileJob } from './job-controller.js';
import { podSpecFromTemplate } from './defaults.js';
import { isPodReady } from './pod-status.js';
import type { PodLifecycle } from './pods.js';
import { R } from './resources.js';
import { reconcileDaemonSet, reconcileStatefulSet } from './set-controllers.js';
import type { Store } from './store.js';
import { type ResourceType, clone, freezeDeep, isRecord, pathGet, specOf } from './types.js';

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A random suffix as `generateName` makes: five safe characters. */
export function randomSuffix(n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/** The hash of a pod template (pod-template-hash, controller-revision-hash), stable across runs. */
export function templateHash(template: unknown): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(template ?? {}))
    .digest();
  let s = '';
  for (let i = 0; i < 10; i++) s += ALPHABET[digest[i]! % ALPHABET.length];
  return s;
}

export const WORKLOADS: Record<string, ResourceType> = {
  Deployment: R.deployments,
  ReplicaSet: R.replicasets,
  StatefulSet: R.statefulsets,
  DaemonSet: R.daemonsets,
  Job: R.jobs,
};

function replicasOf(obj: KubeObject): number {
  const r = specOf(obj)['replicas'];
  return typeof r === 'number' ? r : 1;
}

/** The controller reference a controller puts on what it makes. */
export function ownerRef(owner: KubeObject): Record<string, unknown> {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/**
 * The reconcile loops of the workload controllers: each converges by counting the owner's live
 * pods (Deployments by scaling their ReplicaSets). With `instant`, new pods are Ready at once
 * (scenario load).
 */
export class Workloads {
  instant = false;
  /** Per StatefulSet/DaemonSet uid: template hash -> the revision label its pods carry. */
  readonly revisions = new Map<string, Map<string, string>>();

  constructor(
    readonly store: Store,
    readonly pods: PodLifecycle,
    private readonly clock: SimClock,
  ) {}

  /** Brings one workload (by type, namespace, name) to its desired pods. */
  reconcile(t: ResourceType, ns: string, name: string): void {
    const obj = this.store.get(t, ns, name);
    if (!obj || obj.metadata.deletionTimestamp) return;
    if (t === R.deployments) reconcileDeployment(this.rolloutHost(), obj);
    else if (t === R.replicasets) this.reconcileReplicaSet(obj);
    else if (t === R.statefulsets) reconcileStatefulSet(this, obj);
    else if (t === R.daemonsets) reconcileDaemonSet(this, obj);
    else if (t === R.jobs) reconcileJob(this, obj, this.clock.iso());
  }

  private rolloutHost(): RolloutHost {
    return {
      store: this.store,
      now: () => this.clock.iso(),
      instant: this.instant,
      templateHash,
      ownerRef,
      syncReplicaSet: (rs) => this.reconcileReplicaSet(rs),
    };
  }

  /** A pod of `owner` from its template, with extra labels and, for DaemonSets, its node. */
  podFromTemplate(
    owner: KubeObject,
    name: string,
    extraLabels: Record<string, string>,
    nodeName?: string,
  ): KubeObject {
    const tspec = pathGet(owner, ['spec', 'template', 'spec']);
    const spec: Record<string, unknown> = isRecord(tspec) ? clone(tspec) : { containers: [] };
    if (nodeName) spec['nodeName'] = nodeName;
    return podOf(owner, name, extraLabels, spec);
  }

  /**
   * Creates a pod of `owner` from its template (the ReplicaSet, StatefulSet and Job controllers):
   * the defaulted spec is worked out once per stored template and its parts shared by its pods.
   */
  createPod(owner: KubeObject, name: string, extraLabels: Record<string, string>): KubeObject {
    const spec = { ...podSpecFromTemplate(pathGet(owner, ['spec', 'template', 'spec'])) };
    return this.pods.create(podOf(owner, name, extraLabels, spec), this.instant, true);
  }

  /** The owner's pods that are not terminating. */
  active(owner: KubeObject): KubeObject[] {
    return this.store
      .podsOwnedBy(owner.metadata.uid ?? '')
      .filter((p) => !p.metadata.deletionTimestamp);
  }

  /** Writes a status (with observedGeneration) when it changed. */
  setStatus(t: ResourceType, obj: KubeObject, status: Record<string, unknown>): void {
    const full = { observedGeneration: obj.metadata['generation'] ?? 1, ...status };
    if (JSON.stringify(obj['status']) === JSON.stringify(full)) return;
    this.store.update(t, { ...obj, status: full });
  }

  /** The ReplicaSet controller: pods up or down to replicas, not-ready ones removed first. */
  reconcileReplicaSet(rs: KubeObject): void {
    const want = replicasOf(rs);
    const pods = this.active(rs);
    const hash = rs.metadata.labels?.['pod-template-hash'];
    for (let i = pods.length; i < want; i++) {
      const name = `${rs.metadata.name}-${randomSuffix()}`;
      this.createPod(rs, name, hash ? { 'pod-template-hash': hash } : {});
    }
    const extra = [...pods]
      .sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b)))
      .slice(0, Math.max(0, pods.length - want));
    for (const p of extra) this.pods.delete(p.metadata.namespace ?? '', p.metadata.name);
    const now = this.active(rs);
    const ready = now.filter(isPodReady).length;
    const cur = this.store.get(R.replicasets, rs.metadata.namespace, rs.metadata.name);
    if (cur)
      this.setStatus(R.replicasets, cur, {
        replicas: now.length,
        fullyLabeledReplicas: now.length,
        readyReplicas: ready,
        availableReplicas: ready,
      });
  }
}

/** A pod named `name` with `spec`, labelled and annotated from `owner`'s template and owned by it. */
function podOf(
  owner: KubeObject,
  name: string,
  extraLabels: Record<string, string>,
  spec: Record<string, unknown>,
): KubeObject {
  const tmeta = pathGet(owner, ['spec', 'template', 'metadata']);
  const labels = {
    ...(isRecord(tmeta) && isRecord(tmeta['labels'])
      ? (tmeta['labels'] as Record<string, string>)
      : {}),
    ...extraLabels,
  };
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: owner.metadata.namespace ?? 'default',
      labels,
      ownerReferences: ownerRefsOf(owner),
    },
    spec,
  };
  if (isRecord(tmeta) && isRecord(tmeta['annotations']))
    pod.metadata.annotations = clone(tmeta['annotations'] as Record<string, string>);
  return pod;
}

/** The owner references a pod of `owner` gets, frozen and shared by its pods (one list per owner). */
const ownerRefs = new WeakMap<KubeObject, Array<Record<string, unknown>>>();

function ownerRefsOf(owner: KubeObject): Array<Record<string, unknown>> {
  let refs = ownerRefs.get(owner);
  if (!refs) ownerRefs.set(owner, (refs = freezeDeep([ownerRef(owner)])));
  return refs;
}
