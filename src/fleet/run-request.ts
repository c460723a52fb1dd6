import type { PlannedUpdate } from '../checks/fleet/update-plan.js';
import type { FollowIo } from './follow.js';

/** What `fleet run …` was asked (see src/cli/fleet-args.ts). */
export interface RunRequest {
  subscription?: string;
  resourceGroup?: string;
  fleet?: string;
  name?: string;
  upgradeType: PlannedUpdate['type'];
  kubernetesVersion?: string;
  nodeImage: 'Latest' | 'Consistent';
  strategy?: string;
  confirm?: string;
  follow: boolean;
  skip: Array<{ type: 'Member' | 'Group' | 'Stage' | 'AfterStageWait'; name: string }>;
}

/** Where the command prints and asks. */
export interface RunIo extends FollowIo {
  err: (text: string) => void;
  interactive: boolean;
  /** Asks one line on the terminal (the typed confirmation); absent: no terminal to ask on. */
  ask?: (question: string) => Promise<string>;
}

/** How often a followed run and a change's operation are read (AKS_RUNBOOK_FLEET_POLL_MS; tests shorten it). */
export function pollMs(env: NodeJS.ProcessEnv): number {
  const ms = Number(env['AKS_RUNBOOK_FLEET_POLL_MS']);
  return Number.isFinite(ms) && ms > 0 ? ms : 2000;
}
