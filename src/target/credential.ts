import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { UserError } from '../model/errors.js';
import type { ProxySettings } from '@azure/core-rest-pipeline';
import { cloudEndpoints, type CloudName } from '../azure/clouds.js';
import { settingsOf } from '../azure/env-proxy-policy.js';
import { proxyFromEnv } from '../model/proxy-from-env.js';

/** Set to any value to forbid the real Azure sign-in chain (the test suite always sets it). */
export const NO_AZURE_SIGNIN = 'AKS_RUNBOOK_NO_AZURE_SIGNIN';

/**
 * The real Azure sign-in chain (environment, workload identity, managed identity, Azure CLI, ...),
 * so an `az login` is enough. Only for real clusters: it probes the instance metadata endpoint.
 */
export async function azureSignIn(
  cloud: CloudName,
  env: NodeJS.ProcessEnv,
): Promise<TokenCredential> {
  if (env[NO_AZURE_SIGNIN] ?? process.env[NO_AZURE_SIGNIN]) {
    throw new UserError(
      `Azure sign-in is switched off by ${NO_AZURE_SIGNIN}; unset it to use your Azure login`,
    );
  }
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential(credentialOptions(cloud, env));
}

/**
 * The options of the Azure sign-in: the cloud's login endpoint, and the proxy its token requests
 * go through, chosen for that endpoint as every ARM and Kubernetes request chooses (HTTPS_PROXY,
 * NO_PROXY as kubectl reads them); without it the SDK reads HTTPS_PROXY by its own rules.
 */
export function credentialOptions(
  cloud: CloudName,
  env: NodeJS.ProcessEnv,
): { authorityHost: string; proxyOptions?: ProxySettings } {
  const authorityHost = cloudEndpoints(cloud).authorityHost;
  const proxy = proxyFromEnv(new URL(authorityHost), env);
  return { authorityHost, ...(proxy ? { proxyOptions: settingsOf(proxy) } : {}) };
}

/** A credential that always hands out one token: for the simulated cluster and tests. */
export function fixedTokenCredential(token: string, lifetimeMs = 3_600_000): TokenCredential {
  return {
    getToken: (): Promise<AccessToken> =>
      Promise.resolve({ token, expiresOnTimestamp: Date.now() + lifetimeMs, tokenType: 'Bearer' }),
  };
}
