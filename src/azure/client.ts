import { ContainerServiceClient } from '@azure/arm-containerservice';
import type { TokenCredential } from '@azure/core-auth';
import { cloudEndpoints, type CloudName } from './clouds.js';
import type { WireMode } from '../model/session.js';
import { throttleWithoutRetryAfter, type ThrottleRetry } from './throttle-retry.js';
import { armKindStamp, armRequestBound } from './bounded-request.js';
import { DEFAULT_BOUNDS, type Bounds, type WaitNotice } from '../model/bounds.js';
import { armWireGuard, armWriteNotice } from './wire-guard.js';
import { envProxyPolicy } from './env-proxy-policy.js';
import { proxyPolicyName } from '@azure/core-rest-pipeline';
import { SDK_RETRY_POLICY, readsOnlyRetry } from './reads-only-retry.js';
import { operationStatusGuard } from './operation-status-guard.js';

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
  /** How a 429 is retried (tests shorten the waits). */
  throttleRetry?: Partial<ThrottleRetry>;
  /** Request time limit and Retry-After cap (default `DEFAULT_BOUNDS`). */
  bounds?: Bounds;
  /** Told of a retry wait long enough to show. */
  onWait?: (wait: WaitNotice) => void;
  /** Ends every request at once when it aborts (the audit's time limit). */
  deadline?: AbortSignal;
  /** Told after each write was answered (or failed): the shared reads drop what they hold. */
  onWrite?: () => void;
}

/**
 * A Container Service client whose endpoint and token scope agree: the SDK takes the endpoint
 * from the cloud but always asks for public-cloud tokens unless told the scope.
 */
export function createContainerServiceClient(c: ArmConnection): ContainerServiceClient {
  const client = new ContainerServiceClient(c.credential, c.subscriptionId, armClientOptions(c));
  addArmPolicies(client.pipeline, c);
  return client;
}

/**
 * The options every ARM SDK client of the tool is built with: the cloud's endpoint and token scope
 * (SDKs ask for public-cloud tokens unless told), the simulator's CA, few and short retries.
 */
export function armClientOptions(c: Omit<ArmConnection, 'subscriptionId'>) {
  const cloud = cloudEndpoints(c.cloud);
  const bounds = c.bounds ?? DEFAULT_BOUNDS;
  return {
    endpoint: c.endpoint ?? cloud.armEndpoint,
    credentials: { scopes: [cloud.armScope] },
    ...(c.caCert ? { tlsOptions: { ca: c.caCert } } : {}),
    retryOptions: armRetryOptions(bounds),
    userAgentOptions: { userAgentPrefix: 'aks-runbook' },
  };
}

/** A 3 a.m. operator wants a clear error fast, not minutes of silent retries. */
function armRetryOptions(bounds: Bounds) {
  return { maxRetries: 3, maxRetryDelayInMs: bounds.retryWaitMaxMs };
}

type ArmPipeline = ContainerServiceClient['pipeline'];

/**
 * The policies every ARM client of the tool carries, whichever service it talks to: the wire
 * guard, the failure-kind stamp, bounded throttling retries and a time limit per attempt.
 */
export function addArmPolicies(
  pipeline: ArmPipeline,
  c: Omit<ArmConnection, 'subscriptionId'>,
): void {
  const bounds = c.bounds ?? DEFAULT_BOUNDS;
  // First of all, before any retry: a refused write is never sent, so never retried.
  pipeline.addPolicy(armWireGuard(c.mode), { phase: 'Serialize' });
  if (c.onWrite) pipeline.addPolicy(armWriteNotice(c.onWrite), { phase: 'Serialize' });
  // Outside the SDK's deserializing: every failure leaves the client with its kind stamped.
  pipeline.addPolicy(armKindStamp());
  // An operation's status without `status` is no word on how it stands (the poller reads success).
  pipeline.addPolicy(operationStatusGuard());
  // The SDK's retries for reads only: a write is never sent twice (its answer may have been lost
  // after it was applied). Added first in the Retry phase, so the throttling retry stays inside.
  pipeline.removePolicy({ name: SDK_RETRY_POLICY });
  pipeline.addPolicy(readsOnlyRetry(armRetryOptions(bounds)), { phase: 'Retry' });
  // Inside the SDK's own retry: 429s asked again with Retry-After capped, and any Retry-After
  // left for the SDK (its throttling retry, its pollers) capped too.
  pipeline.addPolicy(
    throttleWithoutRetryAfter({
      maxDelayMs: bounds.retryWaitMaxMs,
      ...(c.onWait ? { onWait: c.onWait } : {}),
      ...c.throttleRetry,
    }),
    { phase: 'Retry' },
  );
  // Next to the wire: each attempt bounded in time, and ended by the run's time limit.
  pipeline.addPolicy(armRequestBound(bounds.requestMs, c.deadline), { afterPhase: 'Sign' });
  // The proxy chosen per request as kubectl chooses it (loopback and NO_PROXY direct), in place of
  // the SDK's, which proxies every host.
  pipeline.removePolicy({ name: proxyPolicyName });
  pipeline.addPolicy(envProxyPolicy());
}
