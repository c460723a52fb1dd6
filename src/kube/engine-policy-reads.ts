import { ApiException, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { describeKubeError, kubeErrorKind } from './errors.js';
import { listJsonPages } from './json-pages.js';

/** A network policy kind of an engine's own API (a CRD, or Calico's aggregated API). */
export interface EnginePolicyKind {
  engine: 'cilium' | 'calico';
  kind: string;
  group: string;
  version: string;
  plural: string;
}

const kind = (
  engine: EnginePolicyKind['engine'],
  k: string,
  group: string,
  version: string,
  plural: string,
): EnginePolicyKind => ({ engine, kind: k, group, version, plural });

/** Cilium's kinds (cilium.io/v2). */
const CILIUM = [
  kind('cilium', 'CiliumNetworkPolicy', 'cilium.io', 'v2', 'ciliumnetworkpolicies'),
  kind(
    'cilium',
    'CiliumClusterwideNetworkPolicy',
    'cilium.io',
    'v2',
    'ciliumclusterwidenetworkpolicies',
  ),
];

/** Calico's kinds through its API server (projectcalico.org/v3) or as CRDs (crd.projectcalico.org/v1). */
function calico(group: string, version: string): EnginePolicyKind[] {
  return [
    kind('calico', 'NetworkPolicy', group, version, 'networkpolicies'),
    kind('calico', 'GlobalNetworkPolicy', group, version, 'globalnetworkpolicies'),
  ];
}

/**
 * The kinds to read, by what discovery shows: Cilium's when cilium.io/v2 is served; Calico's
 * through projectcalico.org/v3 when its API server is there, else its CRDs (the same objects:
 * one of the two, never both). A group not served is not asked (no such CRD: normal).
 */
export function enginePolicyKinds(served: readonly string[]): EnginePolicyKind[] {
  const has = (gv: string) => served.includes(gv);
  return [
    ...(has('cilium.io/v2') ? CILIUM : []),
    ...(has('projectcalico.org/v3')
      ? calico('projectcalico.org', 'v3')
      : has('crd.projectcalico.org/v1')
        ? calico('crd.projectcalico.org', 'v1')
        : []),
  ];
}

/** One stored policy object, cut to its place and its spec. */
export interface EnginePolicyObject {
  namespace?: string;
  name: string;
  spec?: unknown;
  specs?: unknown;
}

/** A kind as read: its objects, not served (404: no such CRD), or why it could not be read. */
export type EnginePolicyKindRead = {
  engine: 'cilium' | 'calico';
  kind: string;
  apiVersion: string;
} & ({ served: false } | { served: true; objects: EnginePolicyObject[] } | { unread: string });

function cut(item: unknown): EnginePolicyObject {
  const o = (item ?? {}) as {
    metadata?: { name?: string; namespace?: string };
    spec?: unknown;
    specs?: unknown;
  };
  return {
    name: o.metadata?.name ?? '',
    ...(o.metadata?.namespace ? { namespace: o.metadata.namespace } : {}),
    ...(o.spec !== undefined ? { spec: o.spec } : {}),
    ...(o.specs !== undefined ? { specs: o.specs } : {}),
  };
}

/** Every object of one kind, every namespace, page by page. */
async function listKind(kc: KubeConfig, k: EnginePolicyKind): Promise<EnginePolicyObject[]> {
  const plain = await listJsonPages(
    kc,
    `/apis/${k.group}/${k.version}/${k.plural}`,
    { limit: '500' },
    cut,
  );
  if (plain) return plain;
  // Without the wire (no JSON reader): the generic client, paged by hand.
  const api = kc.makeApiClient(CustomObjectsApi);
  const out: EnginePolicyObject[] = [];
  let next: string | undefined;
  do {
    const page = (await api.listClusterCustomObject({
      group: k.group,
      version: k.version,
      plural: k.plural,
      limit: 500,
      ...(next ? { _continue: next } : {}),
    })) as { items?: unknown[]; metadata?: { continue?: string } };
    out.push(...(page.items ?? []).map(cut));
    next = page.metadata?.continue || undefined;
  } while (next);
  return out;
}

/** Reads each kind at once; a refusal or failure is said per kind, never thrown. */
export function readEnginePolicyKinds(
  kc: KubeConfig,
  kinds: readonly EnginePolicyKind[],
  server: string,
): Promise<EnginePolicyKindRead[]> {
  return Promise.all(
    kinds.map(async (k): Promise<EnginePolicyKindRead> => {
      const head = { engine: k.engine, kind: k.kind, apiVersion: `${k.group}/${k.version}` };
      try {
        return { ...head, served: true, objects: await listKind(kc, k) };
      } catch (error) {
        if (error instanceof ApiException && error.code === 404) return { ...head, served: false };
        if (kubeErrorKind(error) === 'forbidden')
          return { ...head, unread: 'listing is forbidden' };
        return { ...head, unread: describeKubeError(error, server, `list ${k.plural}`).message };
      }
    }),
  );
}
