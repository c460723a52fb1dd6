import type { CloudName } from '../azure/clouds.js';
import type { ArmCoordinates } from '../model/arm.js';

/** The cluster the operator asked for, as the command line and environment said it. */
export interface TargetOptions {
  kubeconfig?: string;
  context?: string;
  subscription?: string;
  resourceGroup?: string;
  name?: string;
  cloud: CloudName;
  demo: boolean;
  scenario?: string;
  /** A connection file written by `aks-runbook sim`: reach that simulator over ARM. */
  simConnection?: string;
  /** The TUI picks the cluster among every subscription's (the Resource Graph inventory). */
  allSubscriptions?: boolean;
  /**
   * `--accept-context-mismatch`: with -g/-n and a kubeconfig context, go on even when the
   * context's API server is not the named cluster's (a warning on the card, not a refusal).
   */
  acceptContextMismatch?: boolean;
}

/** The ARM coordinates when all three are known. */
export function armCoordinates(t: TargetOptions): ArmCoordinates | undefined {
  if (!t.subscription || !t.resourceGroup || !t.name) return undefined;
  return { subscriptionId: t.subscription, resourceGroup: t.resourceGroup, name: t.name };
}
