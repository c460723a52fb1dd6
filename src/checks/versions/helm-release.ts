import { gunzipSync } from 'node:zlib';

/** The Helm v3 release Secret type (Secret storage driver, Helm's default). */
export const HELM_RELEASE_TYPE = 'helm.sh/release.v1';

/** A Helm release Secret as read through the Kubernetes JSON API. */
export interface HelmSecret {
  namespace: string;
  name: string;
  type?: string;
  labels: Record<string, string>;
  /** `data.release` as the API returns it (base64 of Helm's own base64 text). */
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
 * Decodes `data.release` as read over JSON: base64 (the API's encoding of Secret data) → Helm's
 * base64 text → gzip (skipped for legacy records that are not gzipped) → the release JSON.
 */
export function decodeHelmRelease(dataRelease: string): HelmRelease {
  const helmText = Buffer.from(dataRelease, 'base64').toString('latin1');
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

/** The revision a release Secret holds: its `version` label, else the `.v<N>` name suffix. */
function revisionOf(s: HelmSecret): number {
  const label = Number(s.labels['version']);
  if (Number.isInteger(label) && label > 0) return label;
  const m = /\.v(\d+)$/.exec(s.name);
  return m ? Number(m[1]) : 0;
}

/** Only the newest revision of each release (by namespace and `name` label); older ones are history. */
export function latestReleaseSecrets(secrets: readonly HelmSecret[]): HelmSecret[] {
  const newest = new Map<string, HelmSecret>();
  for (const s of secrets) {
    if (s.type !== undefined && s.type !== HELM_RELEASE_TYPE) continue;
    const release =
      s.labels['name'] ?? s.name.replace(/^sh\.helm\.release\.v1\./, '').replace(/\.v\d+$/, '');
    const key = `${s.namespace}/${release}`;
    const seen = newest.get(key);
    if (!seen || revisionOf(s) > revisionOf(seen)) newest.set(key, s);
  }
  return [...newest.values()];
}
