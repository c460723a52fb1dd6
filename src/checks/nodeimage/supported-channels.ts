import type { ImagePool } from './facts.js';

// The AKS node OS auto-upgrade article: SecurityPatch isn't supported on Windows node pools, nor
// on Flatcar Container Linux or Azure Linux with OS Guard; NodeImage is supported on all of them.
// (Azure Linux on GPU VMs is another exception; the pool facts do not carry the VM size.)

type PoolOs = Pick<ImagePool, 'name' | 'osType' | 'osSKU'>;

/** Why a pool cannot take the SecurityPatch channel, or undefined when it can. */
function securityPatchRefusal(pool: PoolOs): string | undefined {
  if (pool.osType === 'Windows') return 'Windows';
  if (/^flatcar$/i.test(pool.osSKU ?? '')) return 'Flatcar';
  if (/osguard/i.test(pool.osSKU ?? '')) return 'Azure Linux with OS Guard';
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
