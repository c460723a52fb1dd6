import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { AUDIT_STEPS } from '../../report/audit-steps.js';
import { builtInScenarios } from '../../sim/scenarios/index.js';
import { kubeconfigFiles } from '../../target/kubeconfig-files.js';
import type { ValueSources } from './complete.js';

/** Completion's values from this machine: the kubeconfig as it is now, the built-in names. */
export function machineSources(env: NodeJS.ProcessEnv): ValueSources {
  return {
    contexts: (kubeconfig) => contextNames(kubeconfigFiles(kubeconfig, env)),
    scenarios: Object.keys(builtInScenarios),
    steps: AUDIT_STEPS.map((s) => s.id),
  };
}

/**
 * The context names of the merged kubeconfig files, in file order, each once. A file that is
 * missing or unreadable adds nothing: a Tab press never prints an error.
 */
export function contextNames(files: string[]): string[] {
  const names = new Set<string>();
  for (const file of files) {
    let config: unknown;
    try {
      config = parse(readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    const contexts = (config as { contexts?: unknown } | null)?.contexts;
    if (!Array.isArray(contexts)) continue;
    for (const context of contexts) {
      const name = (context as { name?: unknown } | null)?.name;
      if (typeof name === 'string' && name !== '') names.add(name);
    }
  }
  return [...names];
}
