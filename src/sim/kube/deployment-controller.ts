// The Deployment controller, after kube-controller-manager's: one ReplicaSet per pod template, the
// newest scaled up and the older ones down within maxSurge/maxUnavailable (or all old first with
// Recreate), revisions on the ReplicaSets, history trimmed to revisionHistoryLimit, and the status
// and conditions `kubectl rollout status` reads.
import type { KubeObject } from '../contracts.js';
import { R } from './resources.js';
import {
  createReplicaSet,
  bumpRevision,
  trimHistory,
  annotationsFor,
} from './deployment-replicasets.js';
import { writeStatus } from './deployment-status.js';
import {
  available,
  fenceposts,
  num,
  replicasOf,
  revisionOf,
  sum,
  withoutHash,
  type RolloutHost,
} from './deployment-util.js';
import { controllerRef, isRecord, sameValue, specOf, statusOf } from './types.js';

export type { RolloutHost } from './deployment-util.js';

export function reconcileDeployment(h: RolloutHost, d: KubeObject): void {
  const { store } = h;
  const ns = d.metadata.namespace ?? '';
  const spec = specOf(d);
  const replicas = num(spec['replicas'], 1);
  const owned = store
    .list(R.replicasets, ns)
    .filter((rs) => controllerRef(rs)?.['uid'] === d.metadata.uid && !rs.metadata.deletionTimestamp)
    .sort((a, b) =>
      String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)),
    );
  const template = withoutHash(spec['template']);
  let newRS = owned.find((rs) => sameValue(withoutHash(specOf(rs)['template']), template));
  const olds = owned.filter((rs) => rs !== newRS);
  const maxOld = Math.max(0, ...olds.map(revisionOf));
  const recreate = isRecord(spec['strategy']) && spec['strategy']['type'] === 'Recreate';
  const paused = spec['paused'] === true;
  const { surge, unavailable } = fenceposts(d, replicas);
  let event: [string, string] | undefined;
  const scale = (rs: KubeObject, to: number): KubeObject => {
    const next = h.store.update(R.replicasets, {
      ...rs,
      metadata: { ...rs.metadata, annotations: annotationsFor(d, rs, replicas + surge) },
      spec: { ...specOf(rs), replicas: to },
    });
    h.syncReplicaSet(next);
    return h.store.get(R.replicasets, ns, next.metadata.name) ?? next;
  };

  if (paused) {
    // Paused: only scaling, of the one ReplicaSet that has pods.
    const active = owned.filter((rs) => replicasOf(rs) > 0);
    if (active.length === 1 && replicasOf(active[0]!) !== replicas) scale(active[0]!, replicas);
  } else if (recreate) {
    const running = olds.filter((rs) => replicasOf(rs) > 0);
    for (const rs of running) scale(rs, 0);
    const stillUp = olds.some(
      (rs) => num(statusOf(store.get(R.replicasets, ns, rs.metadata.name) ?? rs)['replicas']) > 0,
    );
    if (running.length === 0 && !stillUp) {
      if (!newRS) {
        newRS = createReplicaSet(h, d, maxOld + 1, replicas, replicas + surge);
        event = ['NewReplicaSetCreated', `Created new replica set "${newRS.metadata.name}"`];
      } else if (replicasOf(newRS) !== replicas) newRS = scale(newRS, replicas);
    }
  } else {
    const current = sum(owned, replicasOf);
    if (!newRS) {
      const up = Math.max(0, Math.min(replicas + surge - current, replicas));
      newRS = createReplicaSet(h, d, maxOld + 1, up, replicas + surge);
      event = ['NewReplicaSetCreated', `Created new replica set "${newRS.metadata.name}"`];
    } else {
      const have = replicasOf(newRS);
      let want = have;
      if (have > replicas) want = replicas;
      else if (current < replicas + surge)
        want = Math.min(have + (replicas + surge - current), replicas);
      if (want !== have) newRS = scale(newRS, want);
    }
    scaleDownOld(h, d, newRS, olds, replicas - unavailable, scale);
  }
  if (newRS && revisionOf(newRS) <= maxOld)
    newRS = bumpRevision(h, d, newRS, maxOld + 1, replicas + surge);
  trimHistory(h, d, newRS);
  writeStatus(h, d, newRS, replicas, unavailable, event);
}

function scaleDownOld(
  h: RolloutHost,
  d: KubeObject,
  newRS: KubeObject,
  olds: KubeObject[],
  minAvailable: number,
  scale: (rs: KubeObject, to: number) => KubeObject,
): void {
  const ns = d.metadata.namespace;
  const fresh = (rs: KubeObject): KubeObject =>
    h.store.get(R.replicasets, ns, rs.metadata.name) ?? rs;
  let all = [newRS, ...olds].map(fresh);
  const newUnavailable = replicasOf(all[0]!) - available(all[0]!);
  let room = sum(all, replicasOf) - minAvailable - newUnavailable;
  if (room <= 0) return;
  // First the old pods that are not available anyway, then healthy ones down to minAvailable.
  for (const rs of all.slice(1)) {
    if (room <= 0) break;
    const unhealthy = Math.min(room, replicasOf(rs) - available(rs));
    if (unhealthy > 0) {
      scale(rs, replicasOf(rs) - unhealthy);
      room -= unhealthy;
    }
  }
  all = all.map(fresh);
  let toRemove = sum(all, available) - minAvailable;
  for (const rs of all.slice(1)) {
    if (toRemove <= 0) break;
    const down = Math.min(replicasOf(rs), toRemove);
    if (down > 0) {
      scale(rs, replicasOf(rs) - down);
      toRemove -= down;
    }
  }
}
