import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { KubeConfig, type User } from '@kubernetes/client-node';
import { UserError, messageOf } from '../model/errors.js';
import { checkClientCertificate } from './client-cert.js';
import { kubeconfigFiles } from './kubeconfig-files.js';

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
}

/**
 * Loads the kubeconfig and selects a context. Each way this can go wrong (missing file,
 * unknown context, unreadable credentials) gets its own one-line `UserError`.
 */
export function loadKubeconfig(
  options: { file?: string; context?: string },
  env: NodeJS.ProcessEnv,
): LoadedKubeconfig {
  const files = kubeconfigFiles(options.file, env);
  const kc = new KubeConfig();
  files.forEach((f, i) => {
    if (!existsSync(f)) {
      const hint = options.file ? '' : ' (pass --kubeconfig, set KUBECONFIG, or try --demo)';
      throw new UserError(`kubeconfig file not found: ${f}${hint}`);
    }
    try {
      if (i === 0) {
        kc.loadFromFile(f);
      } else {
        const more = new KubeConfig();
        more.loadFromFile(f);
        kc.mergeConfig(more, true);
      }
    } catch (error) {
      throw new UserError(`cannot read kubeconfig ${f}: ${oneLine(messageOf(error))}`);
    }
  });
  const names = kc.getContexts().map((c) => c.name);
  const context = options.context ?? kc.getCurrentContext();
  if (!context) {
    throw new UserError(
      `the kubeconfig sets no current context; pass --context with one of: ${names.join(', ') || '(none defined)'}`,
    );
  }
  const ctx = kc.getContextObject(context);
  if (!ctx) {
    throw new UserError(
      `no context named "${context}" in ${files.join(', ')}; available: ${names.join(', ') || '(none)'}`,
    );
  }
  kc.setCurrentContext(context);
  const cluster = kc.getCluster(ctx.cluster);
  if (!cluster) {
    throw new UserError(
      `context "${context}" points at cluster "${ctx.cluster}", which the kubeconfig does not define`,
    );
  }
  const user = kc.getUser(ctx.user);
  if (!user) {
    throw new UserError(
      `context "${context}" uses user "${ctx.user}", which the kubeconfig does not define`,
    );
  }
  checkReadable(`certificate authority of cluster "${cluster.name}"`, cluster.caFile);
  checkCredentials(user, env);
  return { kc, context, server: cluster.server, usesKubelogin: isKubelogin(user) };
}

/** Whether a kubeconfig user gets its token from kubelogin (AKS-managed Entra ID). */
export function isKubelogin(user: User): boolean {
  const command = (user.exec as { command?: unknown } | undefined)?.command;
  return typeof command === 'string' && /(^|[\\/])kubelogin(\.exe)?$/.test(command);
}

function checkCredentials(user: User, env: NodeJS.ProcessEnv): void {
  checkReadable(`client certificate of user "${user.name}"`, user.certFile);
  checkReadable(`client key of user "${user.name}"`, user.keyFile);
  checkClientCertificate(user);
  const exec = user.exec as { command?: unknown } | undefined;
  if (
    exec &&
    typeof exec.command === 'string' &&
    !isKubelogin(user) &&
    !onPath(exec.command, env)
  ) {
    throw new UserError(
      `the credentials of user "${user.name}" come from "${exec.command}", which is not installed or not on PATH`,
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

function oneLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
