import type { Handler, SimResponse } from '../http.js';
import { RESOURCES } from './resources.js';
import { apiVersionOf, type ResourceType } from './types.js';
import { kubeStatus } from '../server.js';

/** Whether the control plane serves a resource type now (deprecated versions go away on upgrade). */
export type Served = (t: ResourceType) => boolean;

const ALL_GROUP_VERSIONS = [
  ...new Set(RESOURCES.filter((r) => r.group).map((r) => apiVersionOf(r))),
];

function groupVersions(served: Served): string[] {
  return [...new Set(RESOURCES.filter((r) => r.group && served(r)).map((r) => apiVersionOf(r)))];
}

function resourceList(groupVersion: string, served: Served): SimResponse {
  const resources: Array<Record<string, unknown>> = [];
  const types = RESOURCES.filter((x) => apiVersionOf(x) === groupVersion && served(x));
  if (types.length === 0)
    return kubeStatus(404, 'NotFound', 'the server could not find the requested resource', {});
  for (const r of types) {
    const entry: Record<string, unknown> = {
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
    };
    if (r.shortNames) entry['shortNames'] = r.shortNames;
    if (r.categories) entry['categories'] = r.categories;
    resources.push(entry);
    for (const s of r.subresources ?? []) {
      const sub: Record<string, unknown> = {
        name: `${r.resource}/${s.name}`,
        singularName: '',
        namespaced: r.namespaced,
      };
      if (s.group !== undefined) sub['group'] = s.group;
      if (s.version !== undefined) sub['version'] = s.version;
      sub['kind'] = s.kind;
      sub['verbs'] = s.verbs;
      resources.push(sub);
    }
  }
  return {
    status: 200,
    body: { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources },
  };
}

/** Version info as `/version` answers it for `1.<minor>.<patch>`; `minor` picks the dispatcher's kubectl. */
export function versionInfo(version: string): Record<string, string> {
  const [major = '1', minor = '0'] = version.split('.');
  return {
    major,
    minor,
    gitVersion: `v${version}`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-04-22T16:03:17Z',
    goVersion: 'go1.23.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** Registers `/version`, health endpoints and legacy (non-aggregated) discovery. */
export function registerDiscovery(
  on: (method: string, path: string, h: Handler) => void,
  version: () => string,
  served: Served = () => true,
): void {
  const router = { on };
  router.on('GET', '/version', () => ({ status: 200, body: versionInfo(version()) }));
  for (const p of ['/healthz', '/readyz', '/livez']) {
    router.on('GET', p, () => ({
      status: 200,
      raw: 'ok',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    }));
  }
  router.on('GET', '/api', () => ({
    status: 200,
    body: {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.224.0.4:443' }],
    },
  }));
  router.on('GET', '/api/v1', () => resourceList('v1', served));
  router.on('GET', '/apis', () => ({
    status: 200,
    body: {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: groupVersions(served).map((gv) => {
        const [name, version] = gv.split('/') as [string, string];
        const v = { groupVersion: gv, version };
        return { name, versions: [v], preferredVersion: v };
      }),
    },
  }));
  for (const gv of ALL_GROUP_VERSIONS)
    router.on('GET', `/apis/${gv}`, () => resourceList(gv, served));
  for (const gv of ALL_GROUP_VERSIONS) {
    const [name, version] = gv.split('/') as [string, string];
    const v = { groupVersion: gv, version };
    router.on('GET', `/apis/${name}`, () =>
      groupVersions(served).includes(gv)
        ? {
            status: 200,
            body: { kind: 'APIGroup', apiVersion: 'v1', name, versions: [v], preferredVersion: v },
          }
        : kubeStatus(404, 'NotFound', 'the server could not find the requested resource', {}),
    );
  }
}
