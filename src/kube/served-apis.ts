import { ApisApi, type KubeConfig } from '@kubernetes/client-node';

/** Every `group/version` the API server serves (discovery), core `v1` included. */
export async function servedGroupVersions(kc: KubeConfig): Promise<string[]> {
  const groups = await kc.makeApiClient(ApisApi).getAPIVersions();
  return ['v1', ...groups.groups.flatMap((g) => g.versions.map((v) => v.groupVersion))];
}
