import {
  createConfiguration,
  IsomorphicFetchHttpLibrary,
  ServerConfiguration,
  wrapHttpLibrary,
  type KubeConfig,
} from '@kubernetes/client-node';
import type { WireMode } from '../model/session.js';
import { DEFAULT_KUBE_RETRY, sendWithRetries, type KubeRetryPolicy } from './retry.js';
import { guardKubeRequest } from './wire-guard.js';

/** What every Kubernetes request of a connection goes through. */
export interface KubeWire {
  /** `--read-only` refuses writes, `--dry-run` makes them server-side dry runs. */
  mode: WireMode;
  /** How reads are retried and bounded (client-node itself neither retries nor times out). */
  retry?: KubeRetryPolicy;
}

/**
 * Makes every API client of `kc` send through one path: the wire guard first (whatever a step
 * asks for, a write in read-only mode never leaves and one in dry-run mode is a dry run), then
 * bounded retries of idempotent reads.
 */
export function withKubeWire(kc: KubeConfig, wire: KubeWire): KubeConfig {
  const http = new IsomorphicFetchHttpLibrary();
  const policy = wire.retry ?? DEFAULT_KUBE_RETRY;
  const send = wrapHttpLibrary({
    send: async (request) => {
      guardKubeRequest(request, wire.mode);
      return sendWithRetries(http, request, policy);
    },
  });
  kc.makeApiClient = (apiClientType) => {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('No active cluster!');
    const config = createConfiguration({
      baseServer: new ServerConfiguration(cluster.server, {}),
      authMethods: { default: kc },
      httpApi: send,
    });
    return new apiClientType(config);
  };
  return kc;
}
