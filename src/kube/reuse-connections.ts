import { createHash, type Hash } from 'node:crypto';
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
    const key = settingsKey([cluster, agentOptions]);
    if (!pools.has(key)) pools.set(key, make(cluster, agentOptions));
    return pools.get(key);
  };
}

/**
 * A digest of every value in `settings`. The CA, certificate and key arrive as Buffers (decoded
 * afresh for each request): they are hashed as bytes, since JSON would spell each byte out as a
 * number (tens of KB of text per request).
 */
export function settingsKey(settings: unknown): string {
  const hash = createHash('sha256');
  feed(hash, settings);
  return hash.digest('hex');
}

function feed(hash: Hash, value: unknown): void {
  if (Buffer.isBuffer(value)) {
    hash.update(`b${value.length}:`).update(value);
  } else if (Array.isArray(value)) {
    hash.update(`[${value.length}`);
    for (const v of value) feed(hash, v);
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    hash.update(`{${entries.length}`);
    for (const [k, v] of entries.sort(([a], [b]) => (a < b ? -1 : 1))) {
      hash.update(`${JSON.stringify(k)}=`);
      feed(hash, v);
    }
  } else {
    const text = JSON.stringify(value) ?? String(value);
    hash.update(`v${text.length}:${text}`);
  }
}
