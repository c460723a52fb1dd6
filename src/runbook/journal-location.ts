import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where journals live: `$XDG_STATE_HOME/aks-runbook/`, else `~/.local/state/aks-runbook/`. */
export function journalDir(env: NodeJS.ProcessEnv): string {
  const state = env['XDG_STATE_HOME'];
  if (state && state.startsWith('/')) return join(state, 'aks-runbook');
  return join(env['HOME'] ?? homedir(), '.local', 'state', 'aks-runbook');
}

/** A file name that sorts by time and says which cluster it is about. */
export function journalFileName(cluster: string, startedAt: Date, pid: number): string {
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const safe = cluster.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 63) || 'cluster';
  return `${stamp}-${safe}-${pid}.jsonl`;
}

/** Where copied commands are written: beside the journals, one file holding the last copy. */
export function commandsFile(env: NodeJS.ProcessEnv): string {
  return join(journalDir(env), 'commands.txt');
}
