import { createHash } from 'node:crypto';
import type { KubeConfig } from '@kubernetes/client-node';

type MakeDispatcher = (cluster: unknown, agentOptions: object) => unknown;

/**
 * client-node makes a new connection pool for every request (a TLS handshake each time: two more
 * round trips and the CPU of a handshake per call). This keeps one per distinct TLS setting of
 * `kc`, so requests reuse kept-alive connections; a rotated client certificate or CA gets a pool
 * of its own.
 */
export function reuseConnections(kc: KubeConfig): void {
  const target = kc as unknown as { createDispatcher?: MakeDispatcher };
  const make = target.createDispatcher?.bind(kc);
  if (!make) return;
  const pools = new Map<string, unknown>();
  target.createDispatcher = (cluster, agentOptions) => {
    const key = createHash('sha256')
      .update(JSON.stringify([cluster, agentOptions]))
      .digest('hex');
    if (!pools.has(key)) pools.set(key, make(cluster, agentOptions));
    return pools.get(key);
  };
}
