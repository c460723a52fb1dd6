/**
 * The seam between the two halves of the simulator: the Kubernetes API server (`kube/`) and
 * the AKS resource provider (`arm/`). The ARM side moves the Kubernetes world only through this.
 */

/** Any Kubernetes object as it travels on the wire. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Array<Record<string, unknown>>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** The answer to an eviction, as the API server would give it. */
export interface EvictionAnswer {
  /** 201 granted; 429 budget exhausted; 404 gone; 500 several budgets; ... */
  code: number;
  message: string;
  /** The PodDisruptionBudget that refused, when one did. */
  pdb?: string;
}

/** What the AKS side may do to the Kubernetes world. */
export interface KubeWorld {
  /** Loads objects (from scenario YAML) into the store, assigning uid/resourceVersion. */
  load(objects: KubeObject[]): void;
  /** Adds a node (a new pool node or a surge node); replaces one of the same name. */
  putNode(node: KubeObject): void;
  /** Removes a node and the pods bound to it (their controllers recreate them elsewhere). */
  deleteNode(name: string): void;
  getNode(name: string): KubeObject | undefined;
  listNodes(): KubeObject[];
  /** Cordons or uncordons (sets spec.unschedulable and the unschedulable taint). */
  setUnschedulable(name: string, unschedulable: boolean): void;
  /** Sets (string) or removes (null) node labels. */
  setNodeLabels(name: string, labels: Record<string, string | null>): void;
  /** Pods currently bound to a node. */
  podsOnNode(name: string): KubeObject[];
  /** Evicts a pod following the Eviction API rules (PDBs included). */
  evict(namespace: string, name: string): EvictionAnswer;
  /** Deletes a pod gracefully without the Eviction API: no PodDisruptionBudget is asked. */
  deletePod(namespace: string, name: string): void;
  /** Writes through deprecated API versions since `since` (simulated ms), newest use per API. */
  deprecatedWritesSince(since: number): Array<{
    group: string;
    version: string;
    resource: string;
    removedRelease: string;
    at: number;
  }>;
}

/** The operator the scenario describes: who the tokens speak for. */
export interface SimIdentity {
  user: string;
  groups: string[];
}
