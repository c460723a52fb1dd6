import { createHash, randomBytes } from 'node:crypto';
import type { AksDescriptor } from '../scenario.js';
import type { OverrideSettings } from './deprecated-block.js';
import type { ClusterSpec, PoolSpec } from '../scenario/schema.js';
import { IMAGES } from '../scenarios/versions.js';

/** An ARM error detail kept on a resource after a failed operation (`status.provisioningError`). */
export interface ErrorDetail {
  code: string;
  message: string;
}

/** One agent pool as the resource provider holds it. */
export interface PoolState extends Omit<
  PoolSpec,
  'nodes' | 'latestNodeImageVersion' | 'nodeImageVersion'
> {
  nodeImageVersion: string;
  latestNodeImageVersion: string;
  currentOrchestratorVersion: string;
  provisioningState: string;
  eTag: string;
  provisioningError?: ErrorDetail;
  /** The 8 digits in `aks-<pool>-<digits>-vmss<id>`, stable per cluster and pool. */
  vmssDigits: string;
  /** Next VMSS instance id to hand out (surge and replacement nodes). */
  nextInstance: number;
}

/** The managed cluster as the resource provider holds it. */
export interface ClusterState extends Omit<ClusterSpec, 'pools'> {
  currentKubernetesVersion: string;
  provisioningState: string;
  eTag: string;
  provisioningError?: ErrorDetail;
  fqdnSuffix: string;
  pools: PoolState[];
  /** `upgradeSettings.overrideSettings` as the last upgrade PUT set them (AKS keeps them). */
  upgradeOverride?: OverrideSettings;
}

/** A fresh random eTag, as ARM changes it on every write. */
export function newETag(): string {
  return randomBytes(6).toString('hex');
}

/** Builds the provider's state from the descriptor. */
export function clusterStateOf(descriptor: AksDescriptor): ClusterState {
  const c = descriptor.cluster;
  const pools = c.pools.map((p): PoolState => {
    const { nodes: _nodes, latestNodeImageVersion, ...rest } = p;
    const image = p.nodeImageVersion ?? currentImage(p);
    return {
      ...rest,
      nodeImageVersion: image,
      latestNodeImageVersion: latestNodeImageVersion ?? image,
      currentOrchestratorVersion: p.orchestratorVersion,
      provisioningState: 'Succeeded',
      eTag: newETag(),
      vmssDigits: digitsOf(`${c.subscriptionId}/${c.resourceGroup}/${c.name}/${p.name}`),
      nextInstance: p.count,
    };
  });
  const { pools: _pools, ...rest } = c;
  return {
    ...rest,
    currentKubernetesVersion: c.kubernetesVersion,
    provisioningState: 'Succeeded',
    eTag: newETag(),
    fqdnSuffix: createHash('sha256').update(c.name).digest('hex').slice(0, 8),
    pools,
  };
}

/** The image a pool described without one runs: a current one for its OS. */
function currentImage(p: PoolSpec): string {
  if (p.osType === 'Windows') return IMAGES.windows;
  return p.osSKU === 'AzureLinux' ? IMAGES.azureLinux : IMAGES.ubuntu;
}

/** Eight stable digits derived from a string (AKS derives them from the cluster). */
export function digitsOf(s: string): string {
  const n = createHash('sha256').update(s).digest().readUInt32BE(0) % 100_000_000;
  return String(n).padStart(8, '0');
}

/** Provisioning states that mean an operation is still running. */
export function isBusy(state: string): boolean {
  return !['Succeeded', 'Failed', 'Canceled'].includes(state);
}
