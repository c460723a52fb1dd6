import { ContainerServiceClient } from '@azure/arm-containerservice';
import type { TokenCredential } from '@azure/core-auth';
import { cloudEndpoints, type CloudName } from './clouds.js';
import type { WireMode } from '../model/session.js';
import { throttleWithoutRetryAfter, type ThrottleRetry } from './throttle-retry.js';
import { armWireGuard } from './wire-guard.js';

/** How to reach ARM: a cloud, or an explicit endpoint with its own CA (the simulator). */
export interface ArmConnection {
  credential: TokenCredential;
  subscriptionId: string;
  cloud: CloudName;
  /** Overrides the cloud's ARM endpoint (the simulator's loopback address). */
  endpoint?: string;
  /** PEM of a certificate authority to trust for `endpoint`, in addition to none other. */
  caCert?: string;
  /** `--read-only` and `--dry-run` refuse every ARM write at the client's pipeline. */
  mode: WireMode;
  /** How a 429 without Retry-After is retried (tests shorten the waits). */
  throttleRetry?: Partial<ThrottleRetry>;
}

/**
 * A Container Service client whose endpoint and token scope agree: the SDK takes the endpoint
 * from the cloud but always asks for public-cloud tokens unless told the scope.
 */
export function createContainerServiceClient(c: ArmConnection): ContainerServiceClient {
  const cloud = cloudEndpoints(c.cloud);
  const client = new ContainerServiceClient(c.credential, c.subscriptionId, {
    endpoint: c.endpoint ?? cloud.armEndpoint,
    credentials: { scopes: [cloud.armScope] },
    ...(c.caCert ? { tlsOptions: { ca: c.caCert } } : {}),
    // A 3 a.m. operator wants a clear error fast, not minutes of silent retries.
    retryOptions: { maxRetries: 3, maxRetryDelayInMs: 8_000 },
    userAgentOptions: { userAgentPrefix: 'aks-runbook' },
  });
  // First of all, before any retry: a refused write is never sent, so never retried.
  client.pipeline.addPolicy(armWireGuard(c.mode), { phase: 'Serialize' });
  client.pipeline.addPolicy(throttleWithoutRetryAfter(c.throttleRetry), { phase: 'Retry' });
  return client;
}
