import { createHash, randomInt } from 'node:crypto';
import type { KubeObject } from '../contracts.js';
import { isPodReady, nodeNameOf } from './pod-status.js';
import type { PodLifecycle } from './pods.js';
import { R } from './resources.js';
import { fits } from './scheduler.js';
import type { Store } from './store.js';
import {
  type ResourceType,
  apiVersionOf,
  clone,
  controllerRef,
  isRecord,
  pathGet,
  specOf,
  arr,
} from './types.js';

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A random suffix as `generateName` makes: five safe characters. */
export function randomSuffix(n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/** The pod-template-hash of a template, stable across runs. */
function templateHash(template: unknown): string {
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
};

function replicasOf(obj: KubeObject): number {
  const r = specOf(obj)['replicas'];
  return typeof r === 'number' ? r : 1;
}

function ownerRef(owner: KubeObject): Record<string, unknown> {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** DaemonSet pods tolerate the node conditions a DaemonSet controller adds tolerations for. */
const DAEMON_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

/**
 * The workload controllers (Deployment, ReplicaSet, StatefulSet, DaemonSet) and garbage collection.
 * They react to store events after `replaceMs`, debounced per owner, and converge by counting.
 */

/**
 * The reconcile loops of Deployment, ReplicaSet, StatefulSet and DaemonSet: each converges by
 * counting the owner's live pods. With `instant`, new pods are Ready at once (scenario load).
 */
export class Workloads {
  instant = false;

  constructor(
    private readonly store: Store,
    private readonly pods: PodLifecycle,
  ) {}

  /** Brings one workload (by type, namespace, name) to its desired pods. */
  reconcile(t: ResourceType, ns: string, name: string): void {
    const obj = this.store.get(t, ns, name);
    if (!obj || obj.metadata.deletionTimestamp) return;
    if (t === R.deployments) this.reconcileDeployment(obj);
    else if (t === R.replicasets) this.reconcileReplicaSet(obj);
    else if (t === R.statefulsets) this.reconcileStatefulSet(obj);
    else if (t === R.daemonsets) this.reconcileDaemonSet(obj);
  }

  private podFromTemplate(
    owner: KubeObject,
    name: string,
    extraLabels: Record<string, string>,
    nodeName?: string,
  ): KubeObject {
    const template = pathGet(owner, ['spec', 'template']);
    const tmeta = pathGet(template, ['metadata']);
    const tspec = pathGet(template, ['spec']);
    const labels = {
      ...(isRecord(tmeta) && isRecord(tmeta['labels'])
        ? (tmeta['labels'] as Record<string, string>)
        : {}),
      ...extraLabels,
    };
    const spec: Record<string, unknown> = isRecord(tspec) ? clone(tspec) : { containers: [] };
    if (nodeName) spec['nodeName'] = nodeName;
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: owner.metadata.namespace ?? 'default',
        labels,
        ownerReferences: [ownerRef(owner)],
      },
      spec,
    };
    if (isRecord(tmeta) && isRecord(tmeta['annotations']))
      pod.metadata.annotations = clone(tmeta['annotations'] as Record<string, string>);
    return pod;
  }

  private active(owner: KubeObject): KubeObject[] {
    return this.store
      .podsOwnedBy(owner.metadata.uid ?? '')
      .filter((p) => !p.metadata.deletionTimestamp);
  }

  private setStatus(t: ResourceType, obj: KubeObject, status: Record<string, unknown>): void {
    const full = { observedGeneration: obj.metadata['generation'] ?? 1, ...status };
    if (JSON.stringify(obj['status']) === JSON.stringify(full)) return;
    this.store.update(t, { ...obj, status: full });
  }

  private reconcileDeployment(d: KubeObject): void {
    const ns = d.metadata.namespace ?? '';
    const template = pathGet(d, ['spec', 'template']);
    const hash = templateHash(template);
    const owned = this.store
      .list(R.replicasets, ns)
      .filter((rs) => controllerRef(rs)?.['uid'] === d.metadata.uid);
    let rs = owned.find((r) => r.metadata.labels?.['pod-template-hash'] === hash) ?? owned[0];
    const replicas = replicasOf(d);
    if (!rs) {
      const tmpl = isRecord(template) ? clone(template) : {};
      const tmeta = isRecord(tmpl['metadata']) ? tmpl['metadata'] : {};
      const labels = {
        ...(isRecord(tmeta['labels']) ? (tmeta['labels'] as Record<string, string>) : {}),
        'pod-template-hash': hash,
      };
      tmpl['metadata'] = { ...tmeta, labels };
      const selector = pathGet(d, ['spec', 'selector']);
      const sel = isRecord(selector) ? clone(selector) : {};
      sel['matchLabels'] = {
        ...(isRecord(sel['matchLabels']) ? sel['matchLabels'] : {}),
        'pod-template-hash': hash,
      };
      rs = this.store.create(
        R.replicasets,
        {
          apiVersion: apiVersionOf(R.replicasets),
          kind: 'ReplicaSet',
          metadata: {
            name: `${d.metadata.name}-${hash}`,
            namespace: ns,
            labels,
            annotations: { 'deployment.kubernetes.io/revision': '1' },
            ownerReferences: [ownerRef(d)],
          },
          spec: { replicas, selector: sel, template: tmpl },
        },
        this.instant,
      );
      this.reconcileReplicaSet(rs);
    } else if (replicasOf(rs) !== replicas) {
      rs = this.store.update(R.replicasets, { ...rs, spec: { ...specOf(rs), replicas } });
      this.reconcileReplicaSet(rs);
    }
    const pods = this.active(rs);
    const ready = pods.filter(isPodReady).length;
    this.setStatus(R.deployments, this.store.get(R.deployments, ns, d.metadata.name) ?? d, {
      replicas: pods.length,
      updatedReplicas: pods.length,
      readyReplicas: ready,
      availableReplicas: ready,
      ...(pods.length - ready > 0 ? { unavailableReplicas: pods.length - ready } : {}),
    });
  }

  private reconcileReplicaSet(rs: KubeObject): void {
    const want = replicasOf(rs);
    const pods = this.active(rs);
    const hash = rs.metadata.labels?.['pod-template-hash'];
    for (let i = pods.length; i < want; i++) {
      const name = `${rs.metadata.name}-${randomSuffix()}`;
      this.pods.create(
        this.podFromTemplate(rs, name, hash ? { 'pod-template-hash': hash } : {}),
        this.instant,
      );
    }
    const extra = pods.slice(want);
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

  private reconcileStatefulSet(sts: KubeObject): void {
    const ns = sts.metadata.namespace ?? '';
    const want = replicasOf(sts);
    for (let i = 0; i < want; i++) {
      const name = `${sts.metadata.name}-${i}`;
      if (this.store.get(R.pods, ns, name)) continue;
      const labels = {
        'apps.kubernetes.io/pod-index': String(i),
        'statefulset.kubernetes.io/pod-name': name,
      };
      this.pods.create(this.podFromTemplate(sts, name, labels), this.instant);
    }
    for (const p of this.active(sts)) {
      const ord = Number(p.metadata.name.slice(sts.metadata.name.length + 1));
      if (ord >= want) this.pods.delete(ns, p.metadata.name);
    }
    const now = this.active(sts);
    const ready = now.filter(isPodReady).length;
    this.setStatus(R.statefulsets, this.store.get(R.statefulsets, ns, sts.metadata.name) ?? sts, {
      replicas: now.length,
      readyReplicas: ready,
      currentReplicas: now.length,
      updatedReplicas: now.length,
      availableReplicas: ready,
    });
  }

  private reconcileDaemonSet(ds: KubeObject): void {
    const ns = ds.metadata.namespace ?? '';
    const byNode = new Map<string, KubeObject>();
    for (const p of this.active(ds)) {
      const n = nodeNameOf(p);
      if (n) byNode.set(n, p);
    }
    const nodes = this.store.list(R.nodes);
    const nodeNames = new Set(nodes.map((n) => n.metadata.name));
    let desired = 0;
    for (const node of nodes) {
      const probe = this.podFromTemplate(ds, 'probe', {});
      const spec = specOf(probe);
      spec['tolerations'] = [...arr(spec['tolerations']), ...DAEMON_TOLERATIONS];
      if (!fits(probe, node, true)) continue;
      desired++;
      if (byNode.has(node.metadata.name)) continue;
      const pod = this.podFromTemplate(
        ds,
        `${ds.metadata.name}-${randomSuffix()}`,
        {},
        node.metadata.name,
      );
      specOf(pod)['tolerations'] = spec['tolerations'];
      pod['spec'] = { ...specOf(pod), tolerations: spec['tolerations'] };
      this.pods.create(pod, this.instant);
    }
    for (const [n, p] of byNode) if (!nodeNames.has(n)) this.pods.delete(ns, p.metadata.name, 0);
    const now = this.active(ds);
    const ready = now.filter(isPodReady).length;
    this.setStatus(R.daemonsets, this.store.get(R.daemonsets, ns, ds.metadata.name) ?? ds, {
      currentNumberScheduled: now.length,
      desiredNumberScheduled: desired,
      numberAvailable: ready,
      numberMisscheduled: 0,
      numberReady: ready,
      updatedNumberScheduled: now.length,
    });
  }
}
