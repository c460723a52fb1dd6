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
  nodeCount: number;
  readyNodeCount: number;
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
