import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { addArmPolicies, armClientOptions, type ArmConnection } from './client.js';

/**
 * A Microsoft.Authorization client (role assignments and definitions) on the same wire as the
 * Container Service one: cloud endpoint and scope, the read-only/dry-run guard, bounded requests
 * and throttling retries.
 */
export function createAuthorizationClient(c: ArmConnection): AuthorizationManagementClient {
  const options = armClientOptions(c);
  const client = new AuthorizationManagementClient(c.credential, c.subscriptionId, {
    ...options,
    // This SDK builds its URLs from `$host` and takes its scopes as `credentialScopes`.
    $host: options.endpoint,
    credentialScopes: options.credentials.scopes,
  });
  addArmPolicies(client.pipeline, c);
  return client;
}
