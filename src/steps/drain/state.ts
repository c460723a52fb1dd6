import type { DrainNode } from '../../model/drain.js';
import type { DrainOptions, NodePlan } from '../../model/drain.js';
import type { DrainProgress } from './run/progress.js';
import type { NotFollowing } from '../lifecycle/not-following.js';

export type { DrainProgress, NodeProgress, PodProgress } from './run/progress.js';

/** Why an action is not offered, by action; absent = allowed. */
export interface DrainRights {
  cordon?: string;
  evict?: string;
  delete?: string;
}

/** The drain step's own state, as its screen renders it. */
export interface DrainState {
  phase: 'loading' | 'choose' | 'running' | 'done';
  cluster: string;
  nodes: DrainNode[];
  /** Each node's preview under the current options. */
  previews: Record<string, NodePlan>;
  options: DrainOptions;
  rights: DrainRights;
  readOnly: boolean;
  dryRun: boolean;
  progress?: DrainProgress;
  /** Nodes this session left cordoned (after a drain, a stop or an abort): `u` uncordons them. */
  leftCordoned: string[];
  /**
   * Nodes a cordon (of a drain or a cordon action) was sent to without learning the outcome, each
   * with the time from which a look showing it schedulable settles it (`settledCordons`): each
   * look offers them for uncordon while they show cordoned.
   */
  maybeCordoned?: Record<string, number>;
  /** An AKS operation rotating a pool now: its nodes are not drained, cordoned or uncordoned here. */
  aksBusy?: { pool: string; why: string } | undefined;
  /**
   * Set while the table no longer follows the cluster (a watch refused, or failing again and
   * again): its lines say so on the table, and changes read the cluster again before asking.
   */
  following?: NotFollowing | undefined;
  /** When the table was last read in full (ms since the epoch). */
  readAt?: number;
  /** Set after picking up a drain an earlier session left in flight: nodes `d` continues. */
  resume?: { toContinue: string[] };
}

/** Events the drain screen sends to its controller. */
export type DrainEvent =
  | { type: 'options'; options: DrainOptions }
  | { type: 'drain'; nodes: string[] }
  | { type: 'abort' }
  | { type: 'uncordon'; nodes: string[] }
  | { type: 'cordon'; nodes: string[] }
  | { type: 'dismiss' };
