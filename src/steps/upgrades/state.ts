import type { TargetChoice } from '../../checks/versions/planner.js';
import type { TargetBreaks } from '../../checks/versions/target-breaks.js';

export type { TargetBreaks, TargetChoice };
/** How the chooser names a target (re-exported: screens read steps, not checks). */
export { targetLabel } from '../../checks/versions/planner.js';
import type { Rotation } from '../rotation/state.js';

/** What the upgrades screen renders besides the generic frame. */
export interface UpgradesState {
  /** Control-plane targets AKS offers (no skipped minor but an LTS migration), newest first. */
  choices: TargetChoice[];
  /** Per offered target, what it would break (deprecated APIs it removes, still in use). */
  impact?: TargetBreaks[];
  /** The control plane's running version. */
  current?: string;
  target?: string;
  systemFirst: boolean;
  /** Pools still behind the control plane, in the order they will be upgraded. */
  queue: string[];
  /** The live node rotation of the running (or last) operation. */
  rotation?: Rotation;
  /** The last operation that failed, for retry. */
  lastFailed?:
    | {
        pool: string | undefined;
        action: string;
        /** The version a failed control-plane PUT asked for (what its retry sends again). */
        to?: string;
        /** The PodDisruptionBudget AKS named when a drain blocked the operation. */
        blockedBy?: { namespace: string; pdb: string; pod: string };
        /** AKS refused the upgrade for recent use of APIs the target removes (override offered). */
        deprecatedApis?: boolean;
      }
    | undefined;
}

/** The event the upgrades screen sends besides its action keys: a chosen target version. */
export interface UpgradesEvent {
  type: 'target';
  version: string;
  /** Whether the chosen version is a preview (the choice must say so to be accepted). */
  preview?: boolean;
}
