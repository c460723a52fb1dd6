// Shared pieces of the Deployment controller: the annotations it keeps, how it reads ReplicaSets,
// and maxSurge/maxUnavailable as numbers.
import type { KubeObject } from '../contracts.js';
import type { Store } from './store.js';
import { clone, isRecord, specOf, statusOf } from './types.js';

export const REVISION = 'deployment.kubernetes.io/revision';
export const HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED = 'deployment.kubernetes.io/desired-replicas';
export const MAX = 'deployment.kubernetes.io/max-replicas';
/** Annotations of the Deployment that are its own and not copied to its ReplicaSets. */
export const NOT_COPIED = [
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

export function num(v: unknown, fallback = 0): number {
  return typeof v === 'number' ? v : fallback;
}

export function revisionOf(rs: KubeObject): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? 0) || 0;
}

/** An int-or-percent of `total` (GetScaledValueFromIntOrPercent). */
export function scaled(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.endsWith('%')) {
    const x = (Number(v.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  return Number(v) || 0;
}

/** maxSurge and maxUnavailable as numbers (ResolveFenceposts): never both zero. */
export function fenceposts(
  d: KubeObject,
  replicas: number,
): { surge: number; unavailable: number } {
  const rolling = specOf(d)['strategy'];
  const r = isRecord(rolling) && isRecord(rolling['rollingUpdate']) ? rolling['rollingUpdate'] : {};
  const surge = scaled(r['maxSurge'] ?? '25%', replicas, true);
  const unavailable = scaled(r['maxUnavailable'] ?? '25%', replicas, false);
  return surge === 0 && unavailable === 0 ? { surge, unavailable: 1 } : { surge, unavailable };
}

export function withoutHash(template: unknown): unknown {
  const t = clone(template);
  if (isRecord(t) && isRecord(t['metadata']) && isRecord(t['metadata']['labels']))
    delete t['metadata']['labels']['pod-template-hash'];
  return t;
}

export const replicasOf = (rs: KubeObject): number => num(specOf(rs)['replicas'], 1);
export const sum = (list: KubeObject[], f: (rs: KubeObject) => number): number =>
  list.reduce((n, rs) => n + f(rs), 0);
export const available = (rs: KubeObject): number => num(statusOf(rs)['availableReplicas']);

/** One reconcile of a Deployment: ReplicaSets scaled a step closer to the template, status written. */
