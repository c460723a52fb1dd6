/** A question the logic asks the operator before it changes anything. */
export interface ConfirmationRequest {
  /** The cluster the change applies to, always named on screen. */
  cluster: string;
  /** The exact change, in one sentence. */
  change: string;
  /** Further lines: objects touched, warnings. */
  details?: string[];
  /** The equivalent az/kubectl commands, one per line: shown unwrapped, and can be copied. */
  commands?: string[];
  /** When set, the operator must type this text (the cluster or node name) to proceed. */
  typed?: string;
  /** Asked in dry-run mode: the same question, and the dialog says that nothing will change. */
  dryRun?: true;
}

/** The question as a dry run asks it: the same one, marked as a rehearsal. */
export function dryRunQuestion(request: ConfirmationRequest): ConfirmationRequest {
  if (request.dryRun) return request;
  return { ...request, change: `(dry run) ${request.change}`, dryRun: true };
}

/** Safety switches chosen on the command line. */
export interface SessionMode {
  readOnly: boolean;
  dryRun: boolean;
  demo: boolean;
  /**
   * The cluster is the simulator (`--demo`, or `--sim-connection` to `aks-runbook sim`): false for a
   * real cluster; absent in journals older than this field, where only `demo` tells.
   */
  simulated?: boolean;
  /** The image of the imds step's probe pods (`--probe-image`); a small official one when absent. */
  probeImage?: string;
}

/** What the wire guards need of the mode: whether writes are refused, or sent as dry runs. */
export type WireMode = Pick<SessionMode, 'readOnly' | 'dryRun'>;
