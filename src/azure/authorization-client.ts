import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { DEFAULT_BOUNDS } from '../model/bounds.js';
import { armKindStamp, armRequestBound } from './bounded-request.js';
import type { ArmConnection } from './client.js';
import { cloudEndpoints } from './clouds.js';
import { armWireGuard } from './wire-guard.js';

/**
 * A Microsoft.Authorization client (role assignments and definitions) on the same wire as the
 * Container Service one: cloud endpoint and scope, the read-only/dry-run guard, bounded requests.
 */
export function createAuthorizationClient(c: ArmConnection): AuthorizationManagementClient {
  const cloud = cloudEndpoints(c.cloud);
  const bounds = c.bounds ?? DEFAULT_BOUNDS;
  const client = new AuthorizationManagementClient(c.credential, c.subscriptionId, {
    // This SDK builds its URLs from `$host`, not `endpoint`: both are set.
    endpoint: c.endpoint ?? cloud.armEndpoint,
    $host: c.endpoint ?? cloud.armEndpoint,
    credentialScopes: [cloud.armScope],
    ...(c.caCert ? { tlsOptions: { ca: c.caCert } } : {}),
    retryOptions: { maxRetries: 3, maxRetryDelayInMs: bounds.retryWaitMaxMs },
    userAgentOptions: { userAgentPrefix: 'aks-runbook' },
  });
  // The same guard as every ARM write: refused in --read-only, shown not sent in --dry-run.
  client.pipeline.addPolicy(armWireGuard(c.mode), { phase: 'Serialize' });
  client.pipeline.addPolicy(armKindStamp());
  client.pipeline.addPolicy(armRequestBound(bounds.requestMs, c.deadline), { afterPhase: 'Sign' });
  return client;
}
