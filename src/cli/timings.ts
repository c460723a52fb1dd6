import { appendFileSync } from 'node:fs';

/**
 * Startup milestones for the benchmark: when AKS_RUNBOOK_TIMINGS names a file, each milestone is
 * appended as a JSON line with milliseconds since the process started. Otherwise a no-op.
 */
export function markTiming(event: 'first-frame' | 'connected', env: NodeJS.ProcessEnv): void {
  const file = env['AKS_RUNBOOK_TIMINGS'];
  if (!file) return;
  appendFileSync(file, JSON.stringify({ event, ms: Math.round(performance.now()) }) + '\n');
}
