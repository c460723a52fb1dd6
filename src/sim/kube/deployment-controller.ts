// The Deployment controller, after kube-controller-manager's: one ReplicaSet per pod template, the
// newest scaled up and the older ones down within maxSurge/maxUnavailable (or all old first with
// Recreate), revisions on the ReplicaSets, history trimmed to revisionHistoryLimit, and the status
// and conditions `kubectl rollout status` reads.
import type { KubeObject } from '../contracts.js';
import { R } from './resources.js';
import type { Store } from './store.js';
import { clone, controllerRef, isRecord, sameValue, specOf, statusOf } from './types.js';

const REVISION = 'deployment.kubernetes.io/revision';
const HISTORY = 'deployment.kubernetes.io/revision-history';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX = 'deployment.kubernetes.io/max-replicas';
/** Annotations of the Deployment that are its own and not copied to its ReplicaSets. */
const NOT_COPIED = [
  REVISION,
  HISTORY,
  DESIRED,
  MAX,
  'kubectl.kubernetes.io/last-applied-configuration',
];

/** What the controller needs from the rest of the simulator. */
export interface RolloutHost {
  store: Store;
  /** Now, RFC 3339 (condition times). */
  now(): string;
  /** Scenario load: objects appear without events. */
  instant: boolean;
  templateHash(template: unknown): string;
  ownerRef(owner: KubeObject): Record<string, unknown>;
  /** Brings a ReplicaSet's pods to its replicas now. */
  syncReplicaSet(rs: KubeObject): void;
}

function num(v: unknown, fallback = 0): number {
  return typeof v === 'number' ? v : fallback;
}

function revisionOf(rs: KubeObject): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? 0) || 0;
}

/** An int-or-percent of `total` (GetScaledValueFromIntOrPercent). */
function scaled(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.endsWith('%')) {
    const x = (Number(v.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  return Number(v) || 0;
}

/** maxSurge and maxUnavailable as numbers (ResolveFenceposts): never both zero. */
function fenceposts(d: KubeObject, replicas: number): { surge: number; unavailable: number } {
  const rolling = specOf(d)['strategy'];
  const r = isRecord(rolling) && isRecord(rolling['rollingUpdate']) ? rolling['rollingUpdate'] : {};
  const surge = scaled(r['maxSurge'] ?? '25%', replicas, true);
  const unavailable = scaled(r['maxUnavailable'] ?? '25%', replicas, false);
  return surge === 0 && unavailable === 0 ? { surge, unavailable: 1 } : { surge, unavailable };
}

function withoutHash(template: unknown): unknown {
  const t = clone(template);
  if (isRecord(t) && isRecord(t['metadata']) && isRecord(t['metadata']['labels']))
    delete t['metadata']['labels']['pod-template-hash'];
  return t;
}

const replicasOf = (rs: KubeObject): number => num(specOf(rs)['replicas'], 1);
const sum = (list: KubeObject[], f: (rs: KubeObject) => number): number =>
  list.reduce((n, rs) => n + f(rs), 0);
const available = (rs: KubeObject): number => num(statusOf(rs)['availableReplicas']);

/** One reconcile of a Deployment: ReplicaSets scaled a step closer to the template, status written. */
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

function annotationsFor(
  d: KubeObject,
  rs: KubeObject | undefined,
  max: number,
): Record<string, string> {
  const copied = Object.fromEntries(
    Object.entries(d.metadata.annotations ?? {}).filter(([k]) => !NOT_COPIED.includes(k)),
  );
  return {
    ...(rs?.metadata.annotations ?? {}),
    ...copied,
    [DESIRED]: String(num(specOf(d)['replicas'], 1)),
    [MAX]: String(max),
  };
}

function createReplicaSet(
  h: RolloutHost,
  d: KubeObject,
  revision: number,
  replicas: number,
  max: number,
): KubeObject {
  const hash = h.templateHash(withoutHash(specOf(d)['template']));
  const tmpl = clone(specOf(d)['template']) as Record<string, unknown>;
  const tmeta = isRecord(tmpl['metadata']) ? tmpl['metadata'] : {};
  const labels = {
    ...(isRecord(tmeta['labels']) ? (tmeta['labels'] as Record<string, string>) : {}),
    'pod-template-hash': hash,
  };
  tmpl['metadata'] = { ...tmeta, labels };
  const sel = clone(specOf(d)['selector']) as Record<string, unknown>;
  sel['matchLabels'] = {
    ...(isRecord(sel['matchLabels']) ? sel['matchLabels'] : {}),
    'pod-template-hash': hash,
  };
  const rs = h.store.create(
    R.replicasets,
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace ?? 'default',
        labels,
        annotations: { ...annotationsFor(d, undefined, max), [REVISION]: String(revision) },
        ownerReferences: [h.ownerRef(d)],
      },
      spec: {
        replicas,
        minReadySeconds: specOf(d)['minReadySeconds'],
        selector: sel,
        template: tmpl,
      },
    },
    h.instant,
  );
  h.syncReplicaSet(rs);
  return h.store.get(R.replicasets, rs.metadata.namespace, rs.metadata.name) ?? rs;
}

/** A ReplicaSet brought back (rollout undo) takes the next revision; its old one goes to history. */
function bumpRevision(
  h: RolloutHost,
  d: KubeObject,
  rs: KubeObject,
  revision: number,
  max: number,
): KubeObject {
  const annotations = annotationsFor(d, rs, max);
  const was = rs.metadata.annotations?.[REVISION];
  if (was) annotations[HISTORY] = [annotations[HISTORY], was].filter(Boolean).join(',');
  annotations[REVISION] = String(revision);
  return h.store.update(R.replicasets, { ...rs, metadata: { ...rs.metadata, annotations } });
}

/** Deletes old, empty ReplicaSets beyond revisionHistoryLimit, oldest revision first. */
function trimHistory(h: RolloutHost, d: KubeObject, newRS: KubeObject | undefined): void {
  const limit = num(specOf(d)['revisionHistoryLimit'], 10);
  const empty = h.store
    .list(R.replicasets, d.metadata.namespace)
    .filter(
      (rs) =>
        rs !== newRS &&
        rs.metadata.name !== newRS?.metadata.name &&
        controllerRef(rs)?.['uid'] === d.metadata.uid &&
        replicasOf(rs) === 0 &&
        num(statusOf(rs)['replicas']) === 0,
    )
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const rs of empty.slice(0, Math.max(0, empty.length - limit)))
    h.store.remove(R.replicasets, rs.metadata.namespace, rs.metadata.name);
}

function condition(
  old: unknown[],
  type: string,
  status: string,
  reason: string,
  message: string,
  now: string,
): Record<string, unknown> {
  const prev = old.find((c) => isRecord(c) && c['type'] === type) as
    Record<string, unknown> | undefined;
  const same = prev && prev['status'] === status;
  const unchanged = same && prev['reason'] === reason && prev['message'] === message;
  return {
    type,
    status,
    lastUpdateTime: unchanged ? prev['lastUpdateTime'] : now,
    lastTransitionTime: same ? prev['lastTransitionTime'] : now,
    reason,
    message,
  };
}

function writeStatus(
  h: RolloutHost,
  d: KubeObject,
  newRS: KubeObject | undefined,
  replicas: number,
  maxUnavailable: number,
  event: [string, string] | undefined,
): void {
  const ns = d.metadata.namespace;
  const cur = h.store.get(R.deployments, ns, d.metadata.name);
  if (!cur) return;
  const all = h.store
    .list(R.replicasets, ns)
    .filter((rs) => controllerRef(rs)?.['uid'] === d.metadata.uid);
  const fresh = newRS ? h.store.get(R.replicasets, ns, newRS.metadata.name) : undefined;
  const st = (k: string): number => sum(all, (rs) => num(statusOf(rs)[k]));
  const status: Record<string, unknown> = { observedGeneration: cur.metadata['generation'] ?? 1 };
  const counts: Array<[string, number]> = [
    ['replicas', st('replicas')],
    ['updatedReplicas', fresh ? num(statusOf(fresh)['replicas']) : 0],
    ['readyReplicas', st('readyReplicas')],
    ['availableReplicas', st('availableReplicas')],
    ['unavailableReplicas', Math.max(0, sum(all, replicasOf) - st('availableReplicas'))],
  ];
  for (const [k, v] of counts) if (v !== 0) status[k] = v;
  const old = Array.isArray(statusOf(cur)['conditions'])
    ? (statusOf(cur)['conditions'] as unknown[])
    : [];
  const now = h.now();
  const availableNow = st('availableReplicas') >= replicas - maxUnavailable;
  const conditions = [
    availableNow
      ? condition(
          old,
          'Available',
          'True',
          'MinimumReplicasAvailable',
          'Deployment has minimum availability.',
          now,
        )
      : condition(
          old,
          'Available',
          'False',
          'MinimumReplicasUnavailable',
          'Deployment does not have minimum availability.',
          now,
        ),
  ];
  const name = fresh?.metadata.name ?? '';
  const complete =
    status['updatedReplicas'] === replicas &&
    (status['replicas'] ?? 0) === replicas &&
    (status['availableReplicas'] ?? 0) === replicas;
  let progressing: [string, string, string];
  if (specOf(cur)['paused'] === true)
    progressing = ['Unknown', 'DeploymentPaused', 'Deployment is paused'];
  else if (complete || (replicas === 0 && fresh))
    progressing = [
      'True',
      'NewReplicaSetAvailable',
      `ReplicaSet "${name}" has successfully progressed.`,
    ];
  else if (event) progressing = ['True', ...event];
  else {
    const prev = old.find((c) => isRecord(c) && c['type'] === 'Progressing') as
      Record<string, unknown> | undefined;
    progressing =
      prev?.['reason'] === 'NewReplicaSetCreated' && String(prev['message']).includes(`"${name}"`)
        ? ['True', 'NewReplicaSetCreated', String(prev['message'])]
        : ['True', 'ReplicaSetUpdated', `ReplicaSet "${name}" is progressing.`];
  }
  conditions.push(condition(old, 'Progressing', ...progressing, now));
  status['conditions'] = conditions;
  const annotations = { ...(cur.metadata.annotations ?? {}) };
  if (fresh) annotations[REVISION] = String(revisionOf(fresh));
  const metadataChanged =
    JSON.stringify(annotations) !== JSON.stringify(cur.metadata.annotations ?? {});
  if (!metadataChanged && JSON.stringify(cur['status']) === JSON.stringify(status)) return;
  h.store.update(R.deployments, { ...cur, metadata: { ...cur.metadata, annotations }, status });
}
