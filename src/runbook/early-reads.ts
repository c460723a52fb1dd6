import type { StepId } from '../model/checklist.js';
import type { EarlyRead } from '../target/connect.js';

/**
 * The reads each step's first look makes that depend on nothing connect learns, so connect can
 * send them with its own first ARM reads (see `ConnectDeps.earlyReads`). A read listed here must
 * be one the step always makes when it runs; a step left out just asks later.
 */
const EARLY: Partial<Record<StepId, readonly EarlyRead[]>> = {
  // The rights preflight: the connect step's look asks for every right at once.
  connect: ['permissions'],
  rbac: ['role-assignments'],
  upgrades: ['version-reads'],
  'node-image': ['version-reads'],
};

/** The early reads of the steps that will be looked at, each once. */
export function earlyReadsOf(steps: readonly StepId[]): EarlyRead[] {
  return [...new Set(steps.flatMap((id) => EARLY[id] ?? []))];
}
