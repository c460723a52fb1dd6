import type { CliIo } from '../../cli.js';
import { commandLine } from '../args.js';
import { versionLine } from '../version.js';
import { complete } from './complete.js';
import { machineSources } from './sources.js';
import { commandSpec } from './spec.js';

/**
 * `aks-runbook __complete WORD…`, called by the completion scripts on each Tab: prints `files` or
 * `-`, then one candidate per line (`value<TAB>description`). Never fails: a broken kubeconfig or
 * an odd line just completes nothing.
 */
export function runComplete(words: string[], env: NodeJS.ProcessEnv, io: CliIo): number {
  const program = commandLine(
    env,
    versionLine(),
    () => undefined,
    () => undefined,
  );
  const found = complete(
    words.length > 0 ? words : [''],
    commandSpec(program),
    machineSources(env),
  );
  const lines = found.candidates
    .filter((c) => !/[\t\n]/.test(c.value))
    .map((c) => (c.description ? `${c.value}\t${oneLine(c.description)}` : c.value));
  io.out([found.files ? 'files' : '-', ...lines].join('\n') + '\n');
  return 0;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
