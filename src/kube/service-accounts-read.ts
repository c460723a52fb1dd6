import { ApiException, CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { ServiceAccountName } from '../model/rbac.js';
import { listJsonPages } from './json-pages.js';
import type { ItemShape } from './list-items.js';
import { listUnlessForbidden } from './paged.js';

const PAGE = 500;

/** What the rbac checks read of a ServiceAccount: the rest of each is never parsed. */
const NAME_SHAPE: ItemShape = { metadata: { name: true, namespace: true } };

type Named = { metadata?: { name?: string; namespace?: string } };

const nameOf = (o: unknown): ServiceAccountName => {
  const meta = (o as Named).metadata;
  return { namespace: meta?.namespace ?? '', name: meta?.name ?? '' };
};

/**
 * Every ServiceAccount of the cluster by namespace and name (one paged list, as plain JSON where
 * the wire allows), or `undefined` when the cluster refused the list (403).
 */
export async function readServiceAccountNames(
  kc: KubeConfig,
  signal?: AbortSignal,
): Promise<ServiceAccountName[] | undefined> {
  try {
    const query = { limit: String(PAGE) };
    const plain = await listJsonPages(
      kc,
      '/api/v1/serviceaccounts',
      query,
      nameOf,
      signal,
      undefined,
      NAME_SHAPE,
    );
    if (plain) return plain;
  } catch (error) {
    if (error instanceof ApiException && error.code === 403) return undefined;
    throw error;
  }
  const api = kc.makeApiClient(CoreV1Api);
  const all = await listUnlessForbidden((cont) =>
    api.listServiceAccountForAllNamespaces({ limit: PAGE, ...(cont ? { _continue: cont } : {}) }),
  );
  return all?.map(nameOf);
}
