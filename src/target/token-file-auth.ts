import { readFileSync } from 'node:fs';
import type { KubeConfig, User } from '@kubernetes/client-node';

/** The auth-provider name our kubeconfig loader gives users whose token lives in `tokenFile`. */
export const TOKEN_FILE_PROVIDER = 'aks-runbook-token-file';

// The client does not export its Authenticator interface; take it from the method that accepts one.
type Authenticator = Parameters<KubeConfig['addAuthenticator']>[0];

/** How long a token read from its file is used before the file is read again (kubectl: a minute). */
const REREAD_MS = 60_000;

/**
 * Puts the bearer token of a kubeconfig `tokenFile` on each request, re-reading the file every
 * minute as kubectl does (such files are rotated, e.g. projected service-account tokens).
 */
export class TokenFileAuthenticator implements Authenticator {
  private cache = new Map<string, { token: string; at: number }>();

  isAuthProvider(user: User): boolean {
    return (user.authProvider as { name?: unknown } | undefined)?.name === TOKEN_FILE_PROVIDER;
  }

  applyAuthentication(user: User, opts: { headers?: Record<string, unknown> }): Promise<void> {
    const path = tokenFileOf(user);
    if (!path) return Promise.resolve();
    let cached = this.cache.get(path);
    if (!cached || Date.now() - cached.at > REREAD_MS) {
      cached = { token: readTokenFile(path), at: Date.now() };
      this.cache.set(path, cached);
    }
    opts.headers ??= {};
    opts.headers['Authorization'] = `Bearer ${cached.token}`;
    return Promise.resolve();
  }
}

/** The token file of a user our loader made, if it has one. */
export function tokenFileOf(user: User): string | undefined {
  const provider = user.authProvider as { name?: unknown; config?: { path?: unknown } } | undefined;
  if (provider?.name !== TOKEN_FILE_PROVIDER) return undefined;
  return typeof provider.config?.path === 'string' ? provider.config.path : undefined;
}

/** The token in a file, without the surrounding whitespace (a trailing newline is usual). */
export function readTokenFile(path: string): string {
  return readFileSync(path, 'utf8').trim();
}
