import { proxyPolicy, type PipelinePolicy, type ProxySettings } from '@azure/core-rest-pipeline';
import { proxyFromEnv, type ProxyEnv } from '../model/proxy-from-env.js';

/** The name of the policy that replaces the SDK's own proxy policy. */
export const ENV_PROXY_POLICY = 'aksRunbookEnvProxy';

/**
 * A proxy policy that decides per request as kubectl does (proxyFromEnv): the SDK's own sends
 * every host through HTTPS_PROXY, loopback included, so `--demo` asked the proxy for the
 * simulator on 127.0.0.1; and its NO_PROXY knows no CIDR or port.
 */
export function envProxyPolicy(env: ProxyEnv = process.env): PipelinePolicy {
  const viaProxy = new Map<string, PipelinePolicy>();
  return {
    name: ENV_PROXY_POLICY,
    sendRequest(request, next) {
      const proxy = proxyFromEnv(new URL(request.url), env);
      if (!proxy) return next(request);
      let policy = viaProxy.get(proxy.href);
      if (!policy) {
        // The SDK's policy with this one proxy and no NO_PROXY of its own: the choice is made.
        policy = proxyPolicy(settingsOf(proxy), { customNoProxyList: [] });
        viaProxy.set(proxy.href, policy);
      }
      return policy.sendRequest(request, next);
    },
  };
}

/** A proxy URL as the SDK's proxy settings (host with its scheme, port, credentials). */
export function settingsOf(proxy: URL): ProxySettings {
  return {
    host: `${proxy.protocol}//${proxy.hostname}`,
    port: Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80)),
    ...(proxy.username ? { username: decodeURIComponent(proxy.username) } : {}),
    ...(proxy.password ? { password: decodeURIComponent(proxy.password) } : {}),
  };
}
