/** One version a cluster or pool may move to, as the upgrade profile lists it. */
export interface UpgradeOption {
  version: string;
  isPreview: boolean;
}

/** A minor the region offers (ListKubernetesVersions), with its patches. */
export interface RegionMinor {
  /** `1.31` */
  minor: string;
  isPreview: boolean;
  isDefault: boolean;
  /** Offered with AKS Long Term Support (two years instead of one). */
  lts: boolean;
  patches: string[];
}

/** A pool's upgrade settings, as set on the pool (undefined = AKS default). */
export interface PoolUpgradeSettings {
  maxSurge?: string;
  maxUnavailable?: string;
  drainTimeoutInMinutes?: number;
  nodeSoakDurationInMinutes?: number;
  undrainableNodeBehavior?: string;
  /**
   * The pool's VM priority (`scaleSetPriority`; unset = Regular). Not an upgrade setting, but it
   * decides the upgrade: AKS adds no surge node to a Spot pool and does not drain it.
   */
  scaleSetPriority?: string;
}

/** One agent pool, as the upgrades step sees it. */
export interface PoolVersionFacts {
  name: string;
  mode: string;
  osType: string;
  /** `osSKU` as ARM gives it (Ubuntu, AzureLinux, Windows2019, Windows2022, ...), when it does. */
  osSKU?: string;
  count: number;
  /** The version the pool is set to. */
  version: string;
  /** The version its nodes run. */
  current: string;
  upgrades: UpgradeOption[];
  provisioningState: string;
  settings: PoolUpgradeSettings;
}

/** Everything the version checks and the planner need; built from ARM reads, or by hand in tests. */
export interface VersionFacts {
  cluster: string;
  controlPlane: { version: string; current: string; upgrades: UpgradeOption[] };
  provisioningState: string;
  pools: PoolVersionFacts[];
  region: RegionMinor[];
  channels: { upgrade?: string; nodeOS?: string };
  /** The cluster's `supportPlan` (`KubernetesOfficial` default, or `AKSLongTermSupport`). */
  supportPlan?: string;
  /** Names of planned maintenance configurations, or why they could not be read. */
  maintenance: { names: string[] } | { unreadable: string };
}
