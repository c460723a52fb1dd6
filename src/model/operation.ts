import type { StepId } from './checklist.js';

/** Where an Azure operation runs: the managed cluster itself or one of its agent pools. */
export type OperationResource = { kind: 'cluster'; name: string } | { kind: 'pool'; name: string };

/** Where a running operation is, as this program last saw it. */
export type OperationPhase =
  | 'running'
  | 'canceling'
  | 'succeeded'
  | 'failed'
  | 'canceled'
  /** This program stopped following it; it may still run in Azure. */
  | 'unknown';

/**
 * One long-running Azure operation on the cluster (an upgrade, a node image upgrade, an update),
 * whoever started it: what it does, where, since when, what ARM says, and the nodes it rotates.
 */
export interface RunningOperation {
  resource: OperationResource;
  /** In a few words: `Upgrade of pool apps to 1.32.5`, or ARM's state when started elsewhere. */
  what: string;
  /** When it was sent (this session) or first seen running (elsewhere), ms since the epoch. */
  since: number;
  /** Whether `since` is when it started (false: it had started before this program saw it). */
  sinceKnown: boolean;
  /** Who started it, as far as this program knows. */
  by: 'this session' | 'elsewhere';
  /** The step of this session that sent it (its checklist row says it runs). */
  step?: StepId;
  /** ARM's provisioningState of the resource, as last read. */
  armState: string;
  phase: OperationPhase;
  /** Nodes being cordoned, drained, replaced or reimaged now. */
  nodes: string[];
  /**
   * A drain AKS is stuck on: the budgets refusing evictions, and when AKS gives up on the node
   * (known only for an operation this session follows node by node).
   */
  stall?: { budgets: string[]; givesUpAt?: number };
  /** Nodes done, and nodes to do (when known). */
  done?: { done: number; total: number };
  /** An abort of it: asked (confirmation open), sent, or refused by Azure. */
  abort?: 'sent' | 'failed';
  /** Azure's code and message when it failed (or the abort failed). */
  error?: { code: string; message: string };
  /**
   * Sent by this session, and no answer came to the request: whether ARM accepted it at all is
   * not known (so a settled state read later is not its end).
   */
  unanswered?: true;
  /** When it ended (phase succeeded, failed or canceled). */
  endedAt?: number;
  /**
   * ARM refused reading it (401, 403, 404...: a retry gets the same answer), so it is no longer
   * read and the rest is as last read: the status and its words (`403 Forbidden`).
   */
  unread?: { status: number; words: string };
}

/** Whether the operation still runs (a new one on the cluster would be refused with 409). */
export function isOngoing(op: RunningOperation | undefined): boolean {
  return op !== undefined && (op.phase === 'running' || op.phase === 'canceling');
}

/** The resource in words: `pool apps` or `cluster prod-aks`. */
export function resourceWords(r: OperationResource): string {
  return r.kind === 'pool' ? `pool ${r.name}` : `cluster ${r.name}`;
}
