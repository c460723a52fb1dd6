import type { ImagePool } from './facts.js';
import { isWindowsOs } from '../arm-enums.js';

// The AKS node OS auto-upgrade article: SecurityPatch isn't supported on Windows node pools, nor
// on Flatcar Container Linux or Azure Linux with OS Guard, and Azure Linux doesn't support it on
// GPU-enabled VMs; NodeImage is supported on all of them.

type PoolOs = Pick<ImagePool, 'name' | 'osType' | 'osSKU' | 'vmSize' | 'vmSizes' | 'accelerator'>;

/** Azure Linux by its osSKU (AzureLinux, AzureLinux3, the older CBLMariner/Mariner names). */
const AZURE_LINUX = /^(azurelinux|cblmariner|mariner)/i;

/**
 * A GPU-enabled VM size: Azure's GPU-accelerated families NC, ND, NG and NV (the VM sizes overview,
 * `sizes/gpu-accelerated`); e.g. Standard_NC4as_T4_v3, Standard_ND96asr_v4, Standard_NV12ads_A10_v5.
 */
export function isGpuVmSize(vmSize: string | undefined): boolean {
  return /^standard_n[cdgv]/i.test(vmSize ?? '');
}

/**
 * Why a pool counts as GPU-enabled (its GPU VM size, or its nodes' accelerator label), or
 * undefined. Every size it is known by counts: `vmSize`, a VirtualMachines pool's scale profile
 * sizes, the nodes' instance types.
 */
export function gpuEvidence(pool: PoolOs): string | undefined {
  const size = [pool.vmSize, ...(pool.vmSizes ?? [])].find(isGpuVmSize);
  if (size) return `GPU VM ${size}`;
  if (pool.accelerator)
    return `nodes labelled kubernetes.azure.com/accelerator=${pool.accelerator}`;
  return undefined;
}

/** Azure Linux pools on GPU VM sizes, by name: the Unmanaged channel's nightly patching is for CPU pools. */
export function azureLinuxGpuPools(pools: readonly PoolOs[]): string[] {
  return pools
    .filter(
      (p) =>
        AZURE_LINUX.test(p.osSKU ?? '') &&
        !/osguard/i.test(p.osSKU ?? '') &&
        gpuEvidence(p) !== undefined,
    )
    .map((p) => p.name);
}

/** Why a pool cannot take the SecurityPatch channel, or undefined when it can. */
function securityPatchRefusal(pool: PoolOs): string | undefined {
  if (isWindowsOs(pool.osType)) return 'Windows';
  if (/^flatcar$/i.test(pool.osSKU ?? '')) return 'Flatcar';
  if (/osguard/i.test(pool.osSKU ?? '')) return 'Azure Linux with OS Guard';
  const gpu = AZURE_LINUX.test(pool.osSKU ?? '') ? gpuEvidence(pool) : undefined;
  if (gpu) return `Azure Linux on ${gpu}`;
  return undefined;
}

/** The pools that cannot take SecurityPatch, each as `name (why)`. */
export function securityPatchUnsupported(pools: readonly PoolOs[]): string[] {
  return pools.flatMap((p) => {
    const why = securityPatchRefusal(p);
    return why ? [`${p.name} (${why})`] : [];
  });
}

/**
 * The managed node OS channel to suggest for these pools: `SecurityPatch (or NodeImage)` when every
 * pool supports both, else `NodeImage` with `why` naming the pools that rule SecurityPatch out.
 */
export function channelSuggestion(pools: readonly PoolOs[]): {
  channel: 'SecurityPatch' | 'NodeImage';
  text: string;
  why?: string;
} {
  const refused = securityPatchUnsupported(pools);
  return refused.length === 0
    ? { channel: 'SecurityPatch', text: 'SecurityPatch (or NodeImage)' }
    : {
        channel: 'NodeImage',
        text: 'NodeImage',
        why: `SecurityPatch is not supported on pool ${refused.join(', ')}`,
      };
}
