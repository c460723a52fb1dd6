import { CHECKLIST, type StepId } from '../model/checklist.js';
import type { EarlyRead } from '../target/connect.js';

/**
 * The reads each step's first look makes that depend on nothing connect learns, so connect can
 * send them with its own first ARM reads (see `ConnectDeps.earlyReads`). A read listed here must
 * be one the step always makes when it runs; a step left out just asks later.
 */
const EARLY: Partial<Record<StepId, readonly EarlyRead[]>> = {
  // The rights preflight: the connect step's look asks for every right at once.
  connect: ['permissions'],
  rbac: ['rbac', 'serviceaccounts', 'role-assignments'],
  imds: ['namespaces', 'pods', 'networkpolicies', 'enginepolicies'],
  drain: ['pods', 'daemonsets', 'pdbs'],
  upgrades: ['version-reads', 'pdbs', 'served'],
  'node-image': ['version-reads', 'daemonsets'],
};

/**
 * The early reads of the steps that will be looked at, each once; without the cluster named
 * over ARM, steps that need ARM are not looked at, so their reads are left out.
 */
export function earlyReadsOf(steps: readonly StepId[], withArm: boolean): EarlyRead[] {
  const looked = steps.filter((id) => withArm || !CHECKLIST.find((s) => s.id === id)?.needsArm);
  return [...new Set(looked.flatMap((id) => EARLY[id] ?? []))];
}
