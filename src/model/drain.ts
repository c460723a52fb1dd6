import type { LabelSelector } from './label-selector.js';

/** A pod as the drain planner sees it: only what decides evict, skip or block. */
export interface DrainPod {
  namespace: string;
  name: string;
  uid: string;
  phase: string;
  labels: Record<string, string>;
  /** The controlling owner (ownerReferences with controller: true), if any. */
  controller?: { kind: string; name: string };
  /** A static pod's API mirror (annotation kubernetes.io/config.mirror). */
  mirror: boolean;
  /** Uses at least one emptyDir volume (data lost on eviction). */
  emptyDir: boolean;
  /** Already has a deletionTimestamp. */
  terminating: boolean;
  ready: boolean;
}

/** A PodDisruptionBudget with the status the eviction API decides on. */
export interface DrainPdb {
  namespace: string;
  name: string;
  /** Absent selector matches no pod; an empty one matches every pod of the namespace. */
  selector?: LabelSelector;
  /** 0 when the status is behind the spec (`statusBehind`): the real number is unknown then. */
  disruptionsAllowed: number;
  /**
   * `status.observedGeneration` is below `metadata.generation`: the disruption controller has not
   * caught up with the spec yet, so the status is not valid and the eviction API refuses (429).
   */
  statusBehind?: boolean;
  currentHealthy: number;
  desiredHealthy: number;
  /** `spec.unhealthyPodEvictionPolicy`: `AlwaysAllow` lets unready pods go whatever the budget. */
  unhealthyPodEvictionPolicy?: string;
}

/** How the operator wants the drain done (kubectl drain's flags, in our words). */
export interface DrainOptions {
  /** Leave DaemonSet pods in place (kubectl --ignore-daemonsets); on by default. */
  ignoreDaemonSets: boolean;
  /** Evict pods that keep data in emptyDir volumes; that data is lost. */
  deleteEmptyDirData: boolean;
  /** Evict pods no controller will recreate (and pods of a deleted DaemonSet). */
  force: boolean;
  /** Seconds each pod gets to stop; undefined = the pod's own terminationGracePeriodSeconds. */
  gracePeriodSeconds?: number;
  /** How long one node may take before the drain stops there. */
  timeoutSeconds: number;
  /** Delete pods directly instead of evicting them: PodDisruptionBudgets are bypassed. */
  disableEviction: boolean;
  /** How many nodes are drained at the same time. */
  batchSize: number;
}

/** The options a drain starts with: the safe ones. */
export const DEFAULT_DRAIN_OPTIONS: DrainOptions = {
  ignoreDaemonSets: true,
  deleteEmptyDirData: false,
  force: false,
  timeoutSeconds: 300,
  disableEviction: false,
  batchSize: 1,
};

/** Why a pod stops or slows a drain. `pdb` is the only one that may clear by itself. */
export type BlockCause =
  'daemonset' | 'daemonset-missing' | 'emptydir' | 'unreplicated' | 'pdb' | 'several-pdbs';

/** What the drain will do with one pod. */
export type PodVerdict =
  | { kind: 'evict'; pod: DrainPod; warning?: string; pdb?: string }
  | { kind: 'skip'; pod: DrainPod; reason: string }
  | { kind: 'blocked'; pod: DrainPod; cause: BlockCause; reason: string; pdbs?: string[] };

/** The preview of one node: every pod with its verdict. */
export interface NodePlan {
  node: string;
  evict: Array<Extract<PodVerdict, { kind: 'evict' }>>;
  skip: Array<Extract<PodVerdict, { kind: 'skip' }>>;
  blocked: Array<Extract<PodVerdict, { kind: 'blocked' }>>;
  /** False when a pod blocks the node for good under these options (a PDB wait is not that). */
  drainable: boolean;
}

/** A node as the drain step lists it. */
export interface DrainNode {
  name: string;
  pool: string;
  ready: boolean;
  /** False once cordoned (spec.unschedulable). */
  schedulable: boolean;
  /** Conditions worth a glance: pressure conditions that are True, and Ready when it is not. */
  conditions: string[];
  /** kured marked the node as needing a reboot (or is rebooting it). */
  rebootNeeded: boolean;
  /** kured's lock names this node: kured is draining or rebooting it right now. */
  kuredLock: boolean;
  /**
   * AKS quarantined it: a drain it could not finish under undrainableNodeBehavior Cordon left it
   * cordoned with label kubernetes.azure.com/upgrade-status=Quarantined.
   */
  aksQuarantined?: boolean;
  podCount: number;
}
