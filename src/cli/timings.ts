import { appendFileSync } from 'node:fs';

/**
 * Startup milestones for the benchmark: when AKS_RUNBOOK_TIMINGS names a file, each milestone is
 * appended as a JSON line with milliseconds since the process started, and the CPU milliseconds
 * the process used so far (a figure a loaded machine disturbs less). Otherwise a no-op.
 */
export function markTiming(event: 'first-frame' | 'connected', env: NodeJS.ProcessEnv): void {
  const file = env['AKS_RUNBOOK_TIMINGS'];
  if (!file) return;
  const { user, system } = process.cpuUsage();
  const cpuMs = Math.round((user + system) / 1000);
  appendFileSync(file, JSON.stringify({ event, ms: Math.round(performance.now()), cpuMs }) + '\n');
}
