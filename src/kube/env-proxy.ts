import type { KubeConfig } from '@kubernetes/client-node';
import { proxyFromEnv, type ProxyEnv } from '../model/proxy-from-env.js';

type MakeDispatcher = (cluster: unknown, agentOptions: object) => unknown;

/**
 * Sends `kc`'s requests through the proxy the environment names, as kubectl does when the
 * kubeconfig has no `proxy-url` (client-go uses http.ProxyFromEnvironment; see proxyFromEnv:
 * loopback and NO_PROXY go direct). A `proxy-url` still wins. An https server is reached through a
 * CONNECT tunnel, TLS end to end with the cluster's CA and client certificate: the proxy sees the
 * host and port, never the token.
 */
export function proxyFromEnvironment(kc: KubeConfig, env: ProxyEnv = process.env): void {
  const target = kc as unknown as { createDispatcher?: MakeDispatcher };
  const make = target.createDispatcher?.bind(kc);
  if (!make) return;
  target.createDispatcher = (cluster, agentOptions) => {
    const c = cluster as { server?: string; proxyUrl?: string } | undefined;
    if (!c?.server || c.proxyUrl) return make(cluster, agentOptions);
    let proxy: URL | undefined;
    try {
      proxy = proxyFromEnv(new URL(c.server), env);
    } catch {
      proxy = undefined;
    }
    return make(proxy ? { ...c, proxyUrl: proxy.href } : cluster, agentOptions);
  };
}
