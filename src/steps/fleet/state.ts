import type { FleetRunRequest, FleetUpgradeType } from '../../model/fleet-look.js';
import type { RunView, UpdatePlan } from '../../model/fleet-run.js';

/** The fleet step's own state: the operator's choices, the plan and the run it follows. */
export interface FleetStepState {
  /** Whether the cluster is a fleet member or its subscription has fleets (the step is listed). */
  relevant: boolean;
  /** Which of the looked-at fleets (index). */
  fleet: number;
  type: FleetUpgradeType;
  /** The target Kubernetes version (not for node image runs). */
  version?: string;
  nodeImage: 'Latest' | 'Consistent';
  /** The update strategy the run uses, by name; absent: the fleet's only one, if it has one. */
  strategy?: string;
  /** The field for a new update strategy is open: what was typed, and why it was refused. */
  strategyField?: { text: string; error?: string };
  /** The last plan, for exactly these choices. */
  planned?: { request: FleetRunRequest; plan: UpdatePlan };
  /** The run last followed or started, and how it looked last. */
  run?: { name: string; view?: RunView };
}

/** What the fleet step's screen sends besides action keys: the new strategy's line, or Esc. */
export type FleetStepEvent = { type: 'strategy'; text: string } | { type: 'strategy-cancel' };
