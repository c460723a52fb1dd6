// The StatefulSet and DaemonSet controllers: pods by ordinal or by node, each pod labelled with the
// revision of the template it came from; a new template rolls through the pods (StatefulSet:
// highest ordinal first, one at a time; DaemonSet: up to maxUnavailable nodes at a time), and the
// status carries what `kubectl rollout status` compares.
import type { KubeObject } from '../contracts.js';
import { isPodReady, nodeNameOf } from './pod-status.js';
import { R } from './resources.js';
import { fits } from './scheduler.js';
import { arr, isRecord, specOf, statusOf, text } from './types.js';
import { randomSuffix, templateHash, type Workloads } from './workloads.js';

const REVISION_LABEL = 'controller-revision-hash';

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
 * The revision of the workload's current template, and whether a pod is at it. The first time a
 * workload is seen, its pods are taken as current: a scenario dumped from a real cluster carries
 * the real controller's hashes, or none at all; later templates get a revision of their own.
 */
function revisionFor(
  w: Workloads,
  owner: KubeObject,
  pods: KubeObject[],
  fallback: string,
): { revision: string; isCurrent: (pod: KubeObject) => boolean } {
  const uid = owner.metadata.uid ?? '';
  const hash = templateHash(specOf(owner)['template']);
  let known = w.revisions.get(uid);
  if (!known) {
    known = new Map();
    w.revisions.set(uid, known);
    const seen = new Set(pods.map((p) => p.metadata.labels?.[REVISION_LABEL]).filter(Boolean));
    const status = statusOf(owner)['updateRevision'];
    const existing =
      typeof status === 'string' ? status : seen.size === 1 ? [...seen][0] : undefined;
    if (existing) known.set(hash, existing);
    // Pods without the label (hand-written scenarios) belong to the template first seen.
    known.set('', hash);
  }
  let revision = known.get(hash);
  if (!revision) known.set(hash, (revision = fallback.replace('{hash}', hash)));
  const unlabelled = known.get('') === hash;
  return {
    revision,
    isCurrent: (pod) => {
      const label = pod.metadata.labels?.[REVISION_LABEL];
      return label === revision || (label === undefined && unlabelled);
    },
  };
}

function rollingUpdate(obj: KubeObject): Record<string, unknown> | undefined {
  const s = specOf(obj)['updateStrategy'];
  if (isRecord(s) && s['type'] === 'OnDelete') return undefined;
  return isRecord(s) && isRecord(s['rollingUpdate']) ? s['rollingUpdate'] : {};
}

/** StatefulSet: ordinals 0..replicas-1; an old-revision pod is replaced once all are ready. */
export function reconcileStatefulSet(w: Workloads, sts: KubeObject): void {
  const ns = sts.metadata.namespace ?? '';
  const want =
    typeof specOf(sts)['replicas'] === 'number' ? (specOf(sts)['replicas'] as number) : 1;
  const { revision: update, isCurrent } = revisionFor(
    w,
    sts,
    w.active(sts),
    `${sts.metadata.name}-{hash}`,
  );
  for (let i = 0; i < want; i++) {
    const name = `${sts.metadata.name}-${i}`;
    if (w.store.get(R.pods, ns, name)) continue;
    const labels = {
      'apps.kubernetes.io/pod-index': String(i),
      [REVISION_LABEL]: update,
      'statefulset.kubernetes.io/pod-name': name,
    };
    w.createPod(sts, name, labels);
  }
  const ordinal = (p: KubeObject): number =>
    Number(p.metadata.name.slice(sts.metadata.name.length + 1));
  for (const p of w.active(sts)) if (ordinal(p) >= want) w.pods.delete(ns, p.metadata.name);
  let pods = w.active(sts).filter((p) => ordinal(p) < want);
  const rolling = rollingUpdate(sts);
  const partition = typeof rolling?.['partition'] === 'number' ? rolling['partition'] : 0;
  const allReady = pods.length === want && pods.every(isPodReady);
  const stale = pods
    .filter((p) => !isCurrent(p) && ordinal(p) >= partition)
    .sort((a, b) => ordinal(b) - ordinal(a));
  if (rolling && allReady && stale[0]) {
    w.pods.delete(ns, stale[0].metadata.name);
    pods = w.active(sts).filter((p) => ordinal(p) < want);
  }
  const updated = pods.filter(isCurrent).length;
  const previous = statusOf(sts)['currentRevision'];
  const current = updated === want || typeof previous !== 'string' ? update : previous;
  const ready = pods.filter(isPodReady).length;
  w.setStatus(R.statefulsets, w.store.get(R.statefulsets, ns, sts.metadata.name) ?? sts, {
    replicas: pods.length,
    readyReplicas: ready,
    currentReplicas:
      current === update
        ? updated
        : pods.filter((p) => p.metadata.labels?.[REVISION_LABEL] === current).length,
    updatedReplicas: updated,
    availableReplicas: ready,
    currentRevision: current,
    updateRevision: update,
    collisionCount: 0,
  });
}

/** DaemonSet: one pod per fitting node; old-revision pods replaced up to maxUnavailable at once. */
export function reconcileDaemonSet(w: Workloads, ds: KubeObject): void {
  const ns = ds.metadata.namespace ?? '';
  const { revision, isCurrent } = revisionFor(w, ds, w.active(ds), '{hash}');
  const byNode = new Map<string, KubeObject>();
  for (const p of w.active(ds)) {
    const n = nodeNameOf(p);
    if (n) byNode.set(n, p);
  }
  const nodes = w.store.list(R.nodes);
  const nodeNames = new Set(nodes.map((n) => n.metadata.name));
  const wanted: string[] = [];
  const probe = w.podFromTemplate(ds, 'probe', {});
  const tolerations = [...arr(specOf(probe)['tolerations']), ...DAEMON_TOLERATIONS];
  specOf(probe)['tolerations'] = tolerations;
  for (const node of nodes) {
    if (!fits(probe, node, true)) continue;
    wanted.push(node.metadata.name);
    if (byNode.has(node.metadata.name)) continue;
    const pod = w.podFromTemplate(
      ds,
      `${ds.metadata.name}-${randomSuffix()}`,
      { [REVISION_LABEL]: revision },
      node.metadata.name,
    );
    pod['spec'] = { ...specOf(pod), tolerations };
    w.pods.create(pod, w.instant);
  }
  for (const [n, p] of byNode) if (!nodeNames.has(n)) w.pods.delete(ns, p.metadata.name, 0);
  const rolling = rollingUpdate(ds);
  if (rolling) {
    const max = rolling['maxUnavailable'];
    const limit =
      typeof max === 'number'
        ? max
        : Math.max(1, Math.floor((parseInt(text(max, '1'), 10) * wanted.length) / 100));
    const current = w.active(ds);
    let unavailable = wanted.length - current.filter(isPodReady).length;
    const stale = current
      .filter((p) => !isCurrent(p))
      .sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b)));
    for (const p of stale) {
      if (isPodReady(p) && unavailable >= limit) break;
      w.pods.delete(ns, p.metadata.name);
      if (isPodReady(p)) unavailable++;
    }
  }
  const now = w.active(ds);
  const ready = now.filter(isPodReady).length;
  const updated = now.filter(isCurrent).length;
  w.setStatus(R.daemonsets, w.store.get(R.daemonsets, ns, ds.metadata.name) ?? ds, {
    currentNumberScheduled: now.length,
    desiredNumberScheduled: wanted.length,
    numberAvailable: ready,
    numberMisscheduled: 0,
    numberReady: ready,
    updatedNumberScheduled: updated,
    ...(wanted.length - ready > 0 ? { numberUnavailable: wanted.length - ready } : {}),
  });
}
