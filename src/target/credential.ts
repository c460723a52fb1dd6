import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { cloudEndpoints, type CloudName } from './clouds.js';

/**
 * The real Azure sign-in chain (environment, workload identity, managed identity, Azure CLI, ...),
 * so an `az login` is enough. Only for real clusters: it probes the instance metadata endpoint.
 */
export async function azureSignIn(cloud: CloudName): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential({ authorityHost: cloudEndpoints(cloud).authorityHost });
}

/** A credential that always hands out one token: for the simulated cluster and tests. */
export function fixedTokenCredential(token: string, lifetimeMs = 3_600_000): TokenCredential {
  return {
    getToken: (): Promise<AccessToken> =>
      Promise.resolve({ token, expiresOnTimestamp: Date.now() + lifetimeMs, tokenType: 'Bearer' }),
  };
}
