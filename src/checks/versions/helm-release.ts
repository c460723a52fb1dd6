import { gunzipSync } from 'node:zlib';

/** The Helm v3 release Secret type (Secret storage driver, Helm's default). */
export const HELM_RELEASE_TYPE = 'helm.sh/release.v1';

/**
 * A Helm release record as read through the Kubernetes JSON API: a Secret (Helm's default
 * driver) or a ConfigMap (`HELM_DRIVER=configmap`), both labelled `owner=helm`.
 */
export interface HelmSecret {
  /** Which storage driver wrote it; a Secret when absent. */
  driver?: 'Secret' | 'ConfigMap';
  namespace: string;
  name: string;
  type?: string;
  labels: Record<string, string>;
  /**
   * `data.release` as the API returns it: for a Secret base64 of Helm's base64 text (Secret data
   * is base64 on the wire), for a ConfigMap Helm's base64 text itself.
   */
  release?: string;
}

/** What the deprecated-API check needs from one release revision. */
export interface HelmRelease {
  name: string;
  namespace: string;
  revision: number;
  status: string;
  manifest: string;
}

/** A JSON value as text when it is a string, else `fallback`. */
function text(v: unknown, fallback: string): string {
  return typeof v === 'string' ? v : fallback;
}

const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

/**
 * Decodes Helm's own text (what a ConfigMap record holds): base64 → gzip (skipped for legacy
 * records that are not gzipped) → the release JSON.
 */
export function decodeHelmText(helmText: string): HelmRelease {
  const raw = Buffer.from(helmText, 'base64');
  const gzipped = GZIP_MAGIC.every((b, i) => raw[i] === b);
  const json = JSON.parse((gzipped ? gunzipSync(raw) : raw).toString('utf8')) as {
    name?: unknown;
    namespace?: unknown;
    version?: unknown;
    info?: { status?: unknown };
    manifest?: unknown;
  };
  return {
    name: text(json.name, ''),
    namespace: text(json.namespace, ''),
    revision: Number(json.version ?? 0),
    status: text(json.info?.status, 'unknown'),
    manifest: typeof json.manifest === 'string' ? json.manifest : '',
  };
}

/** Decodes a Secret's `data.release` as read over JSON: base64 (Secret data) → Helm's text. */
export function decodeHelmRelease(dataRelease: string): HelmRelease {
  return decodeHelmText(Buffer.from(dataRelease, 'base64').toString('latin1'));
}

/** Decodes a record of either driver. */
export function decodeHelmRecord(r: HelmSecret): HelmRelease {
  return r.driver === 'ConfigMap'
    ? decodeHelmText(r.release ?? '')
    : decodeHelmRelease(r.release ?? '');
}

/** The revision a record holds: its `version` label, else the `.v<N>` name suffix. */
function revisionOf(s: HelmSecret): number {
  const label = Number(s.labels['version']);
  if (Number.isInteger(label) && label > 0) return label;
  const m = /\.v(\d+)$/.exec(s.name);
  return m ? Number(m[1]) : 0;
}

/** A release whose newest record says this holds no objects any more. */
const GONE = new Set(['uninstalled']);

/**
 * One record per release (by namespace and `name` label): the revision Helm itself treats as the
 * release's current one, from the `version` and `status` labels as `helm upgrade` picks it — the
 * newest revision when it is deployed or pending; when the newest failed or was superseded, the
 * newest deployed one if any (what is running and what Helm diffs the next upgrade against), else
 * the newest. Releases whose newest record is uninstalled (kept history) are left out. Older
 * revisions are history and are never decoded.
 */
export function latestReleaseSecrets(records: readonly HelmSecret[]): HelmSecret[] {
  const byRelease = new Map<string, HelmSecret[]>();
  for (const s of records) {
    if ((s.driver ?? 'Secret') === 'Secret' && s.type !== undefined && s.type !== HELM_RELEASE_TYPE)
      continue;
    const release =
      s.labels['name'] ?? s.name.replace(/^sh\.helm\.release\.v1\./, '').replace(/\.v\d+$/, '');
    const key = `${s.namespace}/${release}`;
    byRelease.set(key, [...(byRelease.get(key) ?? []), s]);
  }
  const out: HelmSecret[] = [];
  for (const revisions of byRelease.values()) {
    const sorted = [...revisions].sort((a, b) => revisionOf(b) - revisionOf(a));
    const newest = sorted[0]!;
    const status = newest.labels['status'];
    if (status && GONE.has(status)) continue;
    if (status === 'failed' || status === 'superseded') {
      out.push(sorted.find((r) => r.labels['status'] === 'deployed') ?? newest);
    } else out.push(newest);
  }
  return out;
}
