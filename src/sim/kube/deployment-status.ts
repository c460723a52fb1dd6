// A Deployment's status as its controller writes it: counts summed over its ReplicaSets, the
// revision annotation, and the Available and Progressing conditions `kubectl rollout status` reads.
import type { KubeObject } from '../contracts.js';
import { REVISION, num, replicasOf, revisionOf, sum, type RolloutHost } from './deployment-util.js';
import { R } from './resources.js';
import { controllerRef, isRecord, specOf, statusOf } from './types.js';

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

export function writeStatus(
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
