import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { KubeConfig, type Cluster, type User } from '@kubernetes/client-node';
import { UserError, firstLine } from '../model/errors.js';
import { redactUrlPasswords } from '../model/redact-url.js';
import { checkClientCertificate } from './client-cert.js';
import { execForClient, toCluster, toContext, toUser } from './kubeconfig-entries.js';
import { kubeconfigFiles } from './kubeconfig-files.js';
import { mergeKubeconfigs, readKubeconfigFiles } from './kubeconfig-merge.js';
import { readTokenFile, TokenFileAuthenticator, tokenFileOf } from './token-file-auth.js';

// Kept importable from here: the file list lives on its own so shell completion can read it
// without loading the Kubernetes client.
export { kubeconfigFiles };

/** A kubeconfig narrowed to one context, ready for the Kubernetes client. */
export interface LoadedKubeconfig {
  kc: KubeConfig;
  context: string;
  server: string;
  /** The user's credentials come from kubelogin (AKS-managed Entra ID). */
  usesKubelogin: boolean;
  /** What the operator must see before trusting this connection (e.g. TLS not verified). */
  warnings: string[];
}

/**
 * Loads the kubeconfig as kubectl does (files merged by kubectl's rules, relative paths from each
 * file's folder, `tokenFile`, exec plugins) and selects a context. Each way this can go wrong
 * (missing file, unknown context, unreadable credentials) gets its own one-line `UserError`.
 */
export function loadKubeconfig(
  options: { file?: string; context?: string },
  env: NodeJS.ProcessEnv,
): LoadedKubeconfig {
  const files = kubeconfigFiles(options.file, env);
  const docs = readKubeconfigFiles(files, options.file !== undefined);
  if (docs.length === 0) {
    const hint = ' (pass --kubeconfig, set KUBECONFIG, or try --demo)';
    throw new UserError(
      files.length === 1
        ? `kubeconfig file not found: ${files[0]}${hint}`
        : `none of the KUBECONFIG files exists: ${files.join(', ')}${hint}`,
    );
  }
  const merged = mergeKubeconfigs(docs);
  const names = [...merged.contexts.keys()];
  const where = merged.files.join(', ');
  const context = options.context ?? merged.currentContext;
  if (!context) {
    throw new UserError(
      `the kubeconfig sets no current context; pass --context with one of: ${names.join(', ') || '(none defined)'}`,
    );
  }
  const ctxEntry = merged.contexts.get(context);
  if (!ctxEntry) {
    throw new UserError(
      `no context named "${context}" in ${where}; available: ${names.join(', ') || '(none)'}`,
    );
  }
  const ctx = toContext(ctxEntry);
  const clusterEntry = merged.clusters.get(ctx.cluster);
  if (!clusterEntry) {
    throw new UserError(
      `context "${context}" points at cluster "${ctx.cluster}", which the kubeconfig does not define`,
    );
  }
  const userEntry = ctx.user ? merged.users.get(ctx.user) : undefined;
  if (ctx.user && !userEntry) {
    throw new UserError(
      `context "${context}" uses user "${ctx.user}", which the kubeconfig does not define`,
    );
  }
  const cluster = withScheme(toCluster(clusterEntry));
  const warnings = checkCluster(cluster, clusterEntry.file);
  let user = userEntry && toUser(userEntry);
  if (user?.exec)
    user = {
      ...user,
      exec: execForClient(user.name, user.exec as Record<string, unknown>, cluster),
    };
  if (user) checkCredentials(user, env);

  const kc = new KubeConfig();
  kc.addAuthenticator(new TokenFileAuthenticator());
  kc.loadFromOptions({
    clusters: [...merged.clusters.values()].map((e) =>
      e === clusterEntry ? cluster : toCluster(e),
    ),
    users: [...merged.users.values()].map((e) => (e === userEntry && user ? user : toUser(e))),
    contexts: [...merged.contexts.values()].map(toContext),
    currentContext: context,
  });
  return {
    kc,
    context,
    server: cluster.server,
    usesKubelogin: user !== undefined && isKubelogin(user),
    warnings,
  };
}

/**
 * A server written without a scheme (`127.0.0.1:6443`) read as kubectl reads it: client-go's
 * DefaultServerURL adds https:// when TLS is set up, and plain http is refused here anyway.
 */
function withScheme(cluster: Cluster): Cluster {
  if (!cluster.server || /^[a-z][a-z0-9+.-]*:\/\//i.test(cluster.server)) return cluster;
  return { ...cluster, server: `https://${cluster.server}` };
}

/** The checks kubectl makes of the chosen cluster, and the warnings we add. */
function checkCluster(cluster: Cluster, file: string): string[] {
  if (!cluster.server) {
    throw new UserError(`cluster "${cluster.name}" in ${file} has no server; add its server: URL`);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(cluster.server)) {
    // The client cannot send it (fetch refuses such URLs), and it must not be printed anyway.
    throw new UserError(
      `the server URL of cluster "${cluster.name}" carries a user name and password (${redactUrlPasswords(cluster.server)}); remove them from the URL and give credentials in the kubeconfig user`,
    );
  }
  checkReadable(`certificate authority of cluster "${cluster.name}"`, cluster.caFile);
  if (!cluster.skipTLSVerify) return [];
  if (cluster.caData || cluster.caFile) {
    throw new UserError(
      `cluster "${cluster.name}" sets insecure-skip-tls-verify together with a certificate authority, which kubectl refuses too; remove insecure-skip-tls-verify`,
    );
  }
  return [
    `TLS not verified (insecure-skip-tls-verify in cluster "${cluster.name}"): anyone between you and ${redactUrlPasswords(cluster.server)} can pose as the API server and receive your credentials`,
  ];
}

/** Whether a kubeconfig user gets its token from kubelogin (AKS-managed Entra ID). */
export function isKubelogin(user: User): boolean {
  const command = (user.exec as { command?: unknown } | undefined)?.command;
  return typeof command === 'string' && /(^|[\\/])kubelogin(\.exe)?$/.test(command);
}

function checkCredentials(user: User, env: NodeJS.ProcessEnv): void {
  checkReadable(`client certificate of user "${user.name}"`, user.certFile);
  checkReadable(`client key of user "${user.name}"`, user.keyFile);
  const tokenFile = tokenFileOf(user);
  if (tokenFile) {
    checkReadable(`token file of user "${user.name}"`, tokenFile);
    if (readTokenFile(tokenFile) === '') {
      throw new UserError(`the token file of user "${user.name}" is empty: ${tokenFile}`);
    }
  }
  checkClientCertificate(user);
  const exec = user.exec as { command?: unknown } | undefined;
  if (
    exec &&
    typeof exec.command === 'string' &&
    !isKubelogin(user) &&
    !onPath(exec.command, env)
  ) {
    const hint = (exec as { installHint?: unknown }).installHint;
    throw new UserError(
      `the credentials of user "${user.name}" come from "${exec.command}", which is not installed or not on PATH${typeof hint === 'string' && hint.trim() ? `: ${firstLine(hint)}` : ''}`,
    );
  }
}

function checkReadable(what: string, file: string | undefined): void {
  if (!file) return;
  try {
    accessSync(file, constants.R_OK);
  } catch {
    throw new UserError(`cannot read the ${what}: ${file}`);
  }
}

function onPath(command: string, env: NodeJS.ProcessEnv): boolean {
  if (isAbsolute(command) || command.includes('/')) return existsSync(command);
  return (env['PATH'] ?? '')
    .split(delimiter)
    .filter((d) => d.length > 0)
    .some((dir) => existsSync(join(dir, command)));
}
