import type { Cluster, Context, User } from '@kubernetes/client-node';
import { UserError } from '../model/errors.js';
import type { KubeconfigEntry } from './kubeconfig-merge.js';
import { TOKEN_FILE_PROVIDER } from './token-file-auth.js';

/** The client's form of a kubeconfig cluster entry (kubectl's field names in, the client's out). */
export function toCluster(entry: KubeconfigEntry): Cluster {
  const b = entry.body;
  return {
    name: entry.name,
    server: str(b['server']) ?? '',
    skipTLSVerify: b['insecure-skip-tls-verify'] === true,
    ...opt('caData', str(b['certificate-authority-data'])),
    ...opt('caFile', str(b['certificate-authority'])),
    ...opt('tlsServerName', str(b['tls-server-name'])),
    ...opt('proxyUrl', str(b['proxy-url'])),
  };
}

/** The client's form of a context entry. */
export function toContext(entry: KubeconfigEntry): Context {
  const b = entry.body;
  return {
    name: entry.name,
    cluster: str(b['cluster']) ?? '',
    user: str(b['user']) ?? '',
    ...opt('namespace', str(b['namespace'])),
  };
}

/**
 * The client's form of a user entry. `tokenFile` (which the client ignores) is read by our own
 * authenticator, as kubectl reads it; `token` wins when both are set, as in kubectl.
 */
export function toUser(entry: KubeconfigEntry): User {
  const b = entry.body;
  const token = str(b['token']);
  const tokenFile = str(b['tokenFile']);
  const provider = b['auth-provider'] as { name?: unknown; config?: unknown } | undefined;
  return {
    name: entry.name,
    ...opt('certData', str(b['client-certificate-data'])),
    ...opt('certFile', str(b['client-certificate'])),
    ...opt('keyData', str(b['client-key-data'])),
    ...opt('keyFile', str(b['client-key'])),
    ...opt('token', token),
    ...opt('username', str(b['username'])),
    ...opt('password', str(b['password'])),
    ...opt('impersonateUser', str(b['as'])),
    ...(b['exec'] !== undefined && b['exec'] !== null ? { exec: b['exec'] } : {}),
    ...(!token && tokenFile
      ? { authProvider: { name: TOKEN_FILE_PROVIDER, config: { path: tokenFile } } }
      : provider && typeof provider === 'object'
        ? { authProvider: { name: provider.name, config: provider.config ?? {} } }
        : {}),
  };
}

/** The interactive modes of an exec credential plugin, as client-go defines them. */
const INTERACTIVE_MODES = ['Never', 'IfAvailable', 'Always'] as const;
const EXEC_API_VERSIONS = [
  'client.authentication.k8s.io/v1',
  'client.authentication.k8s.io/v1beta1',
];

/**
 * Checks an exec credential plugin as kubectl does, and returns it ready to run without a terminal:
 * aks-runbook keeps standard input for itself (the TUI reads keys from it; audit has none to lend),
 * so a plugin that must prompt (`interactiveMode: Always`) is refused with a line saying so, and
 * the others are told `interactive: false` in `KUBERNETES_EXEC_INFO`, as kubectl tells them.
 */
export function execForClient(
  userName: string,
  exec: Record<string, unknown>,
  cluster: Cluster,
): Record<string, unknown> {
  const apiVersion = str(exec['apiVersion']);
  const command = str(exec['command']);
  if (!command) {
    throw new UserError(
      `the exec credentials of user "${userName}" name no command; add exec.command`,
    );
  }
  const who = `the credential plugin "${command}" of user "${userName}"`;
  if (!apiVersion || !EXEC_API_VERSIONS.includes(apiVersion)) {
    throw new UserError(
      `${who} has apiVersion "${apiVersion ?? ''}"; use client.authentication.k8s.io/v1 (or v1beta1)`,
    );
  }
  const mode = exec['interactiveMode'];
  if (mode === undefined && apiVersion.endsWith('/v1')) {
    throw new UserError(
      `${who} sets no interactiveMode, which apiVersion ${apiVersion} requires (kubectl refuses it too); add interactiveMode: Never or IfAvailable`,
    );
  }
  if (mode !== undefined && !(INTERACTIVE_MODES as readonly unknown[]).includes(mode)) {
    throw new UserError(
      `${who} has interactiveMode ${JSON.stringify(mode)}; it must be Never, IfAvailable or Always`,
    );
  }
  if (mode === 'Always') {
    throw new UserError(
      `${who} needs a terminal to prompt in (interactiveMode: Always), and aks-runbook keeps its terminal for itself: sign in with a credential that needs no prompt, or use IfAvailable if the plugin can do without`,
    );
  }
  const env = Array.isArray(exec['env']) ? (exec['env'] as unknown[]) : [];
  const spec: Record<string, unknown> = { interactive: false };
  if (exec['provideClusterInfo'] === true) {
    spec['cluster'] = {
      server: cluster.server,
      ...opt('tls-server-name', cluster.tlsServerName),
      ...opt('certificate-authority-data', cluster.caData),
      ...(cluster.skipTLSVerify ? { 'insecure-skip-tls-verify': true } : {}),
    };
  }
  const info = JSON.stringify({ apiVersion, kind: 'ExecCredential', spec });
  return { ...exec, env: [...env, { name: 'KUBERNETES_EXEC_INFO', value: info }] };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function opt<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
