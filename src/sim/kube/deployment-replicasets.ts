// The ReplicaSets a Deployment owns: created for a new template, renumbered when an old template
// comes back (rollout undo), and trimmed to revisionHistoryLimit.
import type { KubeObject } from '../contracts.js';
import {
  DESIRED,
  HISTORY,
  MAX,
  NOT_COPIED,
  REVISION,
  num,
  replicasOf,
  revisionOf,
  withoutHash,
  type RolloutHost,
} from './deployment-util.js';
import { R } from './resources.js';
import { clone, controllerRef, isRecord, specOf, statusOf } from './types.js';

export function annotationsFor(
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

export function createReplicaSet(
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
export function bumpRevision(
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
export function trimHistory(h: RolloutHost, d: KubeObject, newRS: KubeObject | undefined): void {
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
