import type { DrainFacts } from '../../checks/drain/findings.js';
import type { StepSession } from '../lifecycle/step-session.js';
import type { CordonDeps } from './run/uncordon.js';
import type { DrainState } from './state.js';

/** How the step's node writes reach the cluster: its client, the journal, the mode, `signal`. */
export function nodeWrites(
  s: StepSession<DrainFacts, DrainState>,
  signal: AbortSignal,
): CordonDeps & { signal: AbortSignal } {
  const { ctx } = s;
  return {
    kc: ctx.connection.kc,
    server: ctx.connection.kubeServer,
    journal: ctx.journal,
    dryRun: s.mode.dryRun,
    signal,
  };
}
