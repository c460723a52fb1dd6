/** Where one pod is in a drain. */
export type PodState =
  | 'pending'
  | 'evicting'
  | 'waiting-pdb'
  | 'terminating'
  | 'gone'
  /** Dry run: the API server accepted the eviction; nothing happened. */
  | 'accepted'
  /** Dry run: a budget refuses it now (the server's dry-run 429, or its allowance spent on pods before it). */
  | 'would-wait'
  | 'failed'
  /** Its eviction (or delete) was sent, the answer lost, and a second look failed too. */
  | 'unknown'
  | 'cancelled';

/** One pod's live line in the progress view. */
export interface PodProgress {
  namespace: string;
  name: string;
  state: PodState;
  /** The PDB the pod waits on (or waited on). */
  pdb?: string;
  /** When the PDB wait began (epoch ms). */
  since?: number;
  /** Why it failed, or the last refusal. */
  detail?: string;
}

/** Where one node is in a drain. */
export type NodePhase =
  | 'queued'
  | 'cordoning'
  | 'draining'
  | 'drained'
  /** Dry run finished: every eviction was accepted by the server. */
  | 'checked'
  /** Dry run finished: budgets refuse some pods now; a real drain would wait on them. */
  | 'would-wait'
  | 'cordon-failed'
  /** The cordon was sent and its answer lost: the drain stopped (the node may be cordoned). */
  | 'cordon-unknown'
  | 'blocked'
  | 'timed-out'
  | 'failed'
  | 'aborted';

/** One node's block in the progress view. */
export interface NodeProgress {
  name: string;
  phase: NodePhase;
  /** Whether we know the node is cordoned now (it stays so after a stop). */
  cordoned: boolean;
  /**
   * Someone else had cordoned it before this drain reached it: the cordon is theirs, so it is
   * never offered for uncordon as this session's.
   */
  cordonedBefore?: boolean;
  /** The cordon's outcome stayed unknown: the node may be cordoned (offered for uncordon). */
  maybeCordoned?: boolean;
  /** With `maybeCordoned`: from when a look showing the node schedulable settles it (epoch ms). */
  cordonSettlesAt?: number;
  pods: PodProgress[];
  /** Lines that explain the phase: why it stopped, what remains, kured's lock. */
  notes: string[];
}

/** The whole drain as the screen shows it. */
export interface DrainProgress {
  nodes: NodeProgress[];
  /** Set when the run stopped before the end, with the reason. */
  stopped?: string;
  finished: boolean;
}

/** Node phases after which nothing more happens on that node. */
export const FINAL_PHASES: ReadonlySet<NodePhase> = new Set([
  'drained',
  'checked',
  'would-wait',
  'cordon-failed',
  'cordon-unknown',
  'blocked',
  'timed-out',
  'failed',
  'aborted',
]);
