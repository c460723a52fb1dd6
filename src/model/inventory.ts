/** One node pool of an inventoried cluster. */
export interface InventoryPool {
  name: string;
  mode?: string;
  osType?: string;
  version?: string;
  nodeImageVersion?: string;
  /** Days since the node image was built, when its name carries a date. */
  imageAgeDays?: number;
}

/** How the API server is reachable. */
export type ApiExposure = 'private' | 'authorized' | 'public';

/** Whether a Kubernetes version is supported by AKS now (from the region's version list). */
export type SupportStatus = 'supported' | 'lts-only' | 'unsupported' | 'unknown';

/** Where a cluster sits in a Fleet Manager fleet. */
export interface FleetMembership {
  /** The fleet's resource id. */
  fleetId: string;
  fleet: string;
  member: string;
  group?: string;
}

/** What the inventory knows of one cluster, from Resource Graph (and the region's versions). */
export interface InventoryCluster {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  tags: Record<string, string>;
  kubernetesVersion?: string;
  support: SupportStatus;
  supportPlan?: string;
  pools: InventoryPool[];
  upgradeChannel?: string;
  nodeOsChannel?: string;
  entra: boolean;
  azureRbac: boolean;
  localAccounts: boolean;
  defender: boolean;
  api: ApiExposure;
  authorizedRanges: string[];
  provisioningState?: string;
  powerState?: string;
  fleet?: FleetMembership;
}

/** What makes a cluster risky in the inventory: short keys, usable in `--where risk=KEY`. */
export const INVENTORY_RISKS = {
  unsupported: 'Kubernetes version out of AKS support',
  'lts-only': 'version supported only on the Long Term Support plan',
  failed: 'last operation failed',
  operation: 'an operation is running',
  'image-old': 'a node image older than 60 days',
  'no-auto-upgrade': 'no cluster auto-upgrade channel',
  'no-minor-upgrade': 'auto-upgrade channel patch: the minor never moves',
  'no-node-os-channel': 'no node OS upgrade channel',
  'no-entra': 'no Entra ID integration',
  'local-accounts': 'local accounts enabled',
  'public-api': 'API server public to any address',
  'no-defender': 'Defender for Containers off',
} as const;
export type InventoryRisk = keyof typeof INVENTORY_RISKS;

/** A cluster with its risks and their weight, for sorting and filtering. */
export interface InventoryRow extends InventoryCluster {
  risks: InventoryRisk[];
  riskScore: number;
}
