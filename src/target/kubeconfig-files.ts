import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Which kubeconfig files apply, kubectl's way: the flag, then $KUBECONFIG, then ~/.kube/config. */
export function kubeconfigFiles(file: string | undefined, env: NodeJS.ProcessEnv): string[] {
  if (file) return [file];
  const fromEnv = (env['KUBECONFIG'] ?? '').split(delimiter).filter((f) => f.length > 0);
  if (fromEnv.length > 0) return fromEnv;
  return [join(env['HOME'] ?? homedir(), '.kube', 'config')];
}
