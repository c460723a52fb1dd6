import { parseAllDocuments } from 'yaml';
import type { ObjectRef } from '../../model/finding.js';
import { splitApiVersion } from './api-removals.js';
import type { HelmRelease } from './helm-release.js';

/** Where a use of an API version was seen. */
export type UseSource = 'metric' | 'last-applied' | 'helm';

/** One use of a group/version: a client request (metric), an applied object, a Helm manifest. */
export interface ApiUse {
  source: UseSource;
  group: string;
  version: string;
  /** Plural resource (the metric names it). */
  resource?: string;
  /** Kind (manifests name it). */
  kind?: string;
  /** The object applied or rendered; absent for a metric. */
  object?: ObjectRef;
  /** The Helm release that rendered it: `namespace/name` and revision. */
  release?: { namespace: string; name: string; revision: number };
  /** The removal release the API server itself reported (metric label). */
  removedRelease?: string;
}

const METRIC = 'apiserver_requested_deprecated_apis';

/** Label pairs of one Prometheus sample, `{a="x",b="y"}`, with `\"` `\\` `\n` escapes. */
function labelsOf(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
    out[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return out;
}

/**
 * Uses from the API server's `/metrics` text: each `apiserver_requested_deprecated_apis` sample
 * with a non-zero value (the gauge is set to 1 when a deprecated API was requested).
 */
export function metricUses(metricsText: string): ApiUse[] {
  const out: ApiUse[] = [];
  for (const line of metricsText.split('\n')) {
    if (!line.startsWith(`${METRIC}{`)) continue;
    const close = line.lastIndexOf('}');
    const value = Number(
      line
        .slice(close + 1)
        .trim()
        .split(/\s+/)[0],
    );
    if (!(value > 0)) continue;
    const l = labelsOf(line.slice(METRIC.length + 1, close));
    out.push({
      source: 'metric',
      group: l['group'] ?? '',
      version: l['version'] ?? '',
      resource: l['resource'] || undefined,
      removedRelease: l['removed_release'] || undefined,
    });
  }
  return out;
}

/** A stored object as the last-applied check sees it. */
export interface StoredObject {
  kind: string;
  name: string;
  namespace?: string;
  annotations?: Record<string, string>;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Uses from stored objects' last-applied configuration: the apiVersion `kubectl apply` was given. */
export function lastAppliedUses(objects: readonly StoredObject[]): ApiUse[] {
  const out: ApiUse[] = [];
  for (const o of objects) {
    const text = o.annotations?.[LAST_APPLIED];
    if (!text) continue;
    let applied: { apiVersion?: unknown; kind?: unknown };
    try {
      applied = JSON.parse(text) as typeof applied;
    } catch {
      continue; // not JSON: nothing to say about its apiVersion
    }
    if (typeof applied.apiVersion !== 'string') continue;
    const kind = typeof applied.kind === 'string' ? applied.kind : o.kind;
    out.push({
      source: 'last-applied',
      ...splitApiVersion(applied.apiVersion),
      kind,
      object: { kind: o.kind, name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}) },
    });
  }
  return out;
}

/** Uses from a Helm release's rendered manifest: one per document with an apiVersion and kind. */
export function helmUses(release: HelmRelease): ApiUse[] {
  const out: ApiUse[] = [];
  for (const doc of parseAllDocuments(release.manifest)) {
    if (doc.errors.length) continue;
    const m = doc.toJS() as {
      apiVersion?: unknown;
      kind?: unknown;
      metadata?: { name?: unknown; namespace?: unknown };
    } | null;
    if (!m || typeof m.apiVersion !== 'string' || typeof m.kind !== 'string') continue;
    const namespace =
      typeof m.metadata?.namespace === 'string' ? m.metadata.namespace : release.namespace;
    out.push({
      source: 'helm',
      ...splitApiVersion(m.apiVersion),
      kind: m.kind,
      object: {
        kind: m.kind,
        name: typeof m.metadata?.name === 'string' ? m.metadata.name : '',
        namespace,
      },
      release: { namespace: release.namespace, name: release.name, revision: release.revision },
    });
  }
  return out;
}
