/** One agent pool as the cluster card shows it. */
export interface PoolSummary {
  name: string;
  mode: string;
  osType: string;
  osSku?: string;
  count: number;
  orchestratorVersion: string;
  nodeImageVersion?: string;
  provisioningState?: string;
}

/** What the connect screen's cluster card shows; gathered from ARM and the Kubernetes API. */
export interface ClusterSummary {
  name: string;
  resourceGroup?: string;
  subscriptionId?: string;
  location?: string;
  /** Control-plane version as the API server reports it (`/version`). */
  serverVersion: string;
  /** `currentKubernetesVersion` from ARM, when ARM is available. */
  kubernetesVersion?: string;
  pools: PoolSummary[];
  /** Nodes the Kubernetes API lists (all of them, surge nodes included). */
  nodeCount: number;
  readyNodeCount: number;
  /**
   * Nodes the pool rows do not count (ARM's `count` per pool): `surge`, nodes beyond their pool's
   * count (the extra nodes AKS adds while it upgrades or reimages a pool); `outside`, nodes of no
   * pool ARM lists (a virtual node, a pool being deleted). Absent without ARM or when none.
   */
  uncounted?: { surge: number; outside: number };
  /** undefined = unknown (no ARM access). */
  entraId?: boolean;
  azureRbac?: boolean;
  networkPolicy?: string;
  networkPlugin?: string;
  defender?: boolean;
  provisioningState?: string;
  /** Where the facts came from, for the operator. */
  source: 'arm+kube' | 'kube-only';
  /** The kubeconfig context or server URL in use. */
  kubeServer: string;
  /** What the operator must know before trusting the connection (e.g. TLS not verified). */
  warnings?: string[];
}
