import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SessionWaivers } from '../runbook/start-session.js';
import { DEFAULT_WAIVERS_FILE, DEFAULT_WAIVER_MAX_DAYS } from '../waivers/waiver-defaults.js';
import type { Invocation } from './args.js';
import { auditClock } from './audit-clock.js';

/**
 * The interactive session's waivers: `--waivers FILE`, else `.aks-runbook/waivers.yaml` in the
 * current folder; read now when it exists (a bad file is one line, exit 2), made by the first
 * accepted risk when it does not.
 */
export async function sessionWaivers(
  invocation: Invocation & { kind: 'tui' },
  env: NodeJS.ProcessEnv,
  cwd: string = process.cwd(),
): Promise<SessionWaivers> {
  const file = resolve(cwd, invocation.waivers ?? DEFAULT_WAIVERS_FILE);
  const simulated = invocation.target.demo || invocation.target.simConnection !== undefined;
  const fixed = auditClock(env, simulated);
  // A fixed clock (tests) stays fixed; otherwise each look at the waivers is made now.
  const now = env['AKS_RUNBOOK_TEST_NOW'] ? () => fixed : () => new Date();
  const maxDays = invocation.waiverMaxDays ?? DEFAULT_WAIVER_MAX_DAYS;
  // The reader (YAML, the file's schema) loads only when there is a file: not before every frame.
  const set = existsSync(file)
    ? await import('../waivers/waiver-file.js').then(({ readWaivers }) =>
        readWaivers(file, { now: now(), maxDays }),
      )
    : undefined;
  return { file, maxDays, now, ...(set ? { set } : {}) };
}
