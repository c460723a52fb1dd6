import type { Finding } from '../../model/finding.js';
import type { ImagePool } from './facts.js';

/** A node OS AKS no longer patches: how to spot its pools, since when, and the way off it. */
interface RetiredOs {
  name: string;
  /** The day AKS stopped its security updates (UTC). */
  since: string;
  image: RegExp;
  skus: readonly string[];
  way: string;
}

/**
 * AKS's retirements of node OS releases: Azure Linux 2.0 (no updates from 2025-11-30, the image
 * frozen at 202512.06.0), Windows Server 2019 (retired 2026-03-01, release notes 2026-05-29) and
 * Ubuntu 18.04 (end of life 2023-05-31, release notes 2023-05-28). The frozen image is the newest
 * one offered, so the "behind its latest image" check alone passes such a pool.
 */
const RETIRED: readonly RetiredOs[] = [
  {
    name: 'Azure Linux 2.0',
    since: '2025-11-30',
    image: /^AKS(CBLMariner|AzureLinux)-V2/i,
    skus: ['cblmariner', 'mariner'],
    way: 'move it to Azure Linux 3.0 (a Kubernetes upgrade to 1.32 or later does, or az aks nodepool update --os-sku AzureLinux3)',
  },
  {
    name: 'Windows Server 2019',
    since: '2026-03-01',
    image: /^AKSWindows-2019/i,
    skus: ['windows2019'],
    way: 'add a pool on a newer Windows Server release, move the workloads there and delete this pool',
  },
  {
    name: 'Ubuntu 18.04',
    since: '2023-05-31',
    image: /^AKSUbuntu-1804/i,
    skus: [],
    way: 'upgrade its Kubernetes version (1.25 and later run Ubuntu 22.04)',
  },
];

/** The retired OS a pool runs, judged from its node image name or its OS SKU. */
function retiredOsOf(pool: ImagePool): RetiredOs | undefined {
  const sku = pool.osSKU?.toLowerCase() ?? '';
  return RETIRED.find(
    (os) =>
      (pool.nodeImageVersion && os.image.test(pool.nodeImageVersion)) || os.skus.includes(sku),
  );
}

/** High findings for pools on a node OS AKS has stopped patching (as of `now`). */
export function retiredOsFindings(pools: readonly ImagePool[], now: number): Finding[] {
  return pools.flatMap((pool): Finding[] => {
    const os = retiredOsOf(pool);
    if (!os || Date.parse(`${os.since}T00:00:00Z`) > now) return [];
    const image = pool.nodeImageVersion ? ` (${pool.nodeImageVersion})` : '';
    return [
      {
        id: 'nodeimage.os-retired',
        severity: 'high',
        object: { kind: 'AgentPool', name: pool.name },
        message: `Pool ${pool.name} runs ${os.name}${image}, which AKS has not patched since ${os.since}: a node image upgrade brings no security fix, however current the image looks.`,
        remediation: `To keep the pool patched, ${os.way}.`,
      },
    ];
  });
}
