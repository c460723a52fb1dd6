import {
  ApiException,
  CoreV1Api,
  KubernetesObjectApi,
  type KubeConfig,
  type KubernetesObject,
  type V1ConfigMap,
  type V1Secret,
} from '@kubernetes/client-node';
import pLimit from 'p-limit';
import { describeKubeError, kubeErrorKind } from './errors.js';
import { listAllPages, listUnlessForbidden } from './paged.js';
import { requestOptions } from './request-options.js';
import { listJsonPages } from './json-pages.js';
import { jsonReaderOf, type JsonReader } from './wire.js';

/** One Helm release record as listed: a Secret (default driver) or a ConfigMap. */
export type HelmRecordObject = V1Secret | V1ConfigMap;

/**
 * Helm v3 release records of one storage driver in every namespace (Helm labels them
 * `owner=helm`); undefined when listing that kind is forbidden.
 */
export async function listHelmRecords(
  kc: KubeConfig,
  driver: 'Secret' | 'ConfigMap',
  signal?: AbortSignal,
): Promise<HelmRecordObject[] | undefined> {
  const api = kc.makeApiClient(CoreV1Api);
  const query = (next: string | undefined) => ({
    labelSelector: 'owner=helm',
    limit: 200,
    ...(next ? { _continue: next } : {}),
  });
  return listUnlessForbidden<HelmRecordObject>((next) =>
    driver === 'Secret'
      ? api.listSecretForAllNamespaces(query(next), requestOptions(signal))
      : api.listConfigMapForAllNamespaces(query(next), requestOptions(signal)),
  );
}

/**
 * Why a kind's objects were not read: the server does not serve it (nothing stored to check),
 * listing it was refused, or the read failed (a timeout, a 5xx, the server gone): the last two
 * leave the kind unchecked, never "no use".
 */
export type KindUnread = 'not-served' | 'forbidden' | 'failed';

/** One kind listed at one apiVersion: its objects, or why they could not be read. */
export type KindRead =
  | { apiVersion: string; kind: string; items: KubernetesObject[] }
  | { apiVersion: string; kind: string; unreadable: string; why: KindUnread };

/** A kind whose list failed: why, in one line and as a `KindUnread` (told by the error's kind). */
export function kindUnread(
  k: { apiVersion: string; kind: string },
  error: unknown,
  server: string,
): Extract<KindRead, { why: KindUnread }> {
  const kind = kubeErrorKind(error);
  if (kind === 'forbidden') return { ...k, unreadable: 'listing is forbidden', why: 'forbidden' };
  // Only a 404 says the kind is not served: a 410 (a continue token gone stale mid-list) is a
  // failed read, and the kind stays unchecked.
  if (error instanceof ApiException && error.code === 404)
    return { ...k, unreadable: `${k.apiVersion} ${k.kind} is not served`, why: 'not-served' };
  const line = describeKubeError(error, server, `list ${k.kind} objects`).message;
  return { ...k, unreadable: line, why: 'failed' };
}

/** The objects of one kind read, as the deprecated-API checks take them (name, place, annotations). */
export function storedObjectsOf(k: { kind: string; items: KubernetesObject[] }): Array<{
  kind: string;
  name: string;
  namespace?: string;
  annotations?: Record<string, string>;
}> {
  return k.items.map((o) => ({
    kind: o.kind ?? k.kind,
    name: o.metadata?.name ?? '',
    ...(o.metadata?.namespace ? { namespace: o.metadata.namespace } : {}),
    ...(o.metadata?.annotations ? { annotations: o.metadata.annotations } : {}),
  }));
}

/**
 * Every object of each kind (cluster-wide, page by page, a few kinds at a time), for reading
 * their last-applied configuration. A refused or unknown kind is reported, not thrown.
 * (client-node's generic list takes no per-request options, so `signal` stops further kinds.)
 */
export async function listKinds(
  kc: KubeConfig,
  kinds: ReadonlyArray<{ apiVersion: string; kind: string }>,
  signal?: AbortSignal,
): Promise<KindRead[]> {
  const read = jsonReaderOf(kc);
  // Discovery documents of this look, each asked once however many kinds share its group.
  const asked = new Map<string, Promise<string>>();
  if (read) return Promise.all(kinds.map((k) => listKindPlain(kc, read, asked, k, signal)));
  const api = KubernetesObjectApi.makeApiClient(kc);
  const limit = pLimit(4);
  return Promise.all(
    kinds.map(({ apiVersion, kind }) =>
      limit(async (): Promise<KindRead> => {
        if (signal?.aborted) return { apiVersion, kind, unreadable: 'cancelled', why: 'failed' };
        try {
          const items = await listAllPages((next) =>
            api.list(
              apiVersion,
              kind,
              undefined,
              undefined,
              undefined,
              undefined,
              undefined,
              undefined,
              500,
              next,
            ),
          );
          return { apiVersion, kind, items };
        } catch (error) {
          return kindUnread({ apiVersion, kind }, error, serverOf(kc));
        }
      }),
    ),
  );
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * One kind through the wire as plain JSON, each object cut to what the deprecated-API look reads
 * (kind, name, namespace, the last-applied annotation) as its page arrives.
 */
async function listKindPlain(
  kc: KubeConfig,
  read: JsonReader,
  asked: Map<string, Promise<string>>,
  { apiVersion, kind }: { apiVersion: string; kind: string },
  signal?: AbortSignal,
): Promise<KindRead> {
  try {
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    if (!asked.has(base)) asked.set(base, read(base, signal));
    const served = JSON.parse(await asked.get(base)!) as {
      resources?: Array<{ name: string; kind: string }>;
    };
    const plural = served.resources?.find((r) => r.kind === kind && !r.name.includes('/'))?.name;
    if (!plural)
      return {
        apiVersion,
        kind,
        unreadable: `${apiVersion} ${kind} is not served`,
        why: 'not-served',
      };
    const items = await listJsonPages(
      kc,
      `${base}/${plural}`,
      { limit: '500' },
      (o) => {
        const meta = (o as KubernetesObject).metadata ?? {};
        const applied = meta.annotations?.[LAST_APPLIED];
        return {
          apiVersion,
          kind,
          metadata: {
            ...(meta.name !== undefined ? { name: meta.name } : {}),
            ...(meta.namespace !== undefined ? { namespace: meta.namespace } : {}),
            ...(applied !== undefined ? { annotations: { [LAST_APPLIED]: applied } } : {}),
          },
        };
      },
      signal,
    );
    return { apiVersion, kind, items: items ?? [] };
  } catch (error) {
    return kindUnread({ apiVersion, kind }, error, serverOf(kc));
  }
}

function serverOf(kc: KubeConfig): string {
  return kc.getCurrentCluster()?.server ?? '(unknown server)';
}
