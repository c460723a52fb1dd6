import { VersionApi, type KubeConfig } from '@kubernetes/client-node';

/** The API server's version string, e.g. `v1.32.4`. */
export async function readServerVersion(kc: KubeConfig): Promise<string> {
  const info = await kc.makeApiClient(VersionApi).getCode();
  return info.gitVersion;
}
