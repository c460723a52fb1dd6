import { KubeConfig, type User } from '@kubernetes/client-node';
import type { TokenCredential } from '@azure/core-auth';
import { AKS_SERVER_APP_SCOPE } from '../azure/clouds.js';
import { isKubelogin } from './kubeconfig.js';
import { TokenFileAuthenticator } from './token-file-auth.js';

const PROVIDER = 'aks-runbook-entra';

// The client does not export its Authenticator interface; take it from the method that accepts one.
type Authenticator = Parameters<KubeConfig['addAuthenticator']>[0];

/** Puts an Entra ID token for the AKS server application on each Kubernetes request. */
class EntraTokenAuthenticator implements Authenticator {
  constructor(private readonly credential: TokenCredential) {}

  isAuthProvider(user: User): boolean {
    return (user.authProvider as { name?: string } | undefined)?.name === PROVIDER;
  }

  async applyAuthentication(
    _user: User,
    opts: { headers?: Record<string, unknown> },
  ): Promise<void> {
    // The credential caches and refreshes the token; asking each time keeps long sessions alive.
    const token = await this.credential.getToken(AKS_SERVER_APP_SCOPE);
    if (!token) throw new Error('Entra ID returned no token for the AKS server application');
    opts.headers ??= {};
    opts.headers['Authorization'] = `Bearer ${token.token}`;
  }
}

/**
 * Replaces kubelogin users in a kubeconfig with tokens from `credential`, so an `az login`
 * is enough and the kubelogin binary is not needed.
 */
export function withEntraTokens(kc: KubeConfig, credential: TokenCredential): KubeConfig {
  const out = new KubeConfig();
  out.addAuthenticator(new EntraTokenAuthenticator(credential));
  out.addAuthenticator(new TokenFileAuthenticator());
  const users: User[] = kc
    .getUsers()
    .map((u) =>
      isKubelogin(u) ? { name: u.name, authProvider: { name: PROVIDER, config: {} } } : u,
    );
  out.loadFromOptions({
    clusters: kc.getClusters(),
    users,
    contexts: kc.getContexts(),
    currentContext: kc.getCurrentContext(),
  });
  return out;
}
