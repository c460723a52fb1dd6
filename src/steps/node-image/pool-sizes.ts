import type { V1Node } from '@kubernetes/client-node';
import type { ImagePool } from '../../checks/nodeimage/facts.js';

/** The parts of an ARM agent pool that name its VM sizes (SDK `AgentPool`). */
interface PoolSizing {
  virtualMachinesProfile?: {
    scale?: { manual?: Array<{ size?: string }>; autoscale?: Array<{ size?: string }> };
  };
}

/**
 * The VM sizes a pool is known by besides `vmSize`, and its nodes' GPU label: a pool of type
 * VirtualMachines may have no `vmSize`, its sizes being in `virtualMachinesProfile.scale`
 * (manual and autoscale profiles); nodes give theirs in `node.kubernetes.io/instance-type` and
 * AKS labels GPU nodes `kubernetes.azure.com/accelerator`.
 */
export function poolSizes(
  pool: PoolSizing,
  nodes: readonly V1Node[],
): Pick<ImagePool, 'vmSizes' | 'accelerator'> {
  const scale = pool.virtualMachinesProfile?.scale;
  const sizes = [
    ...(scale?.manual ?? []).map((m) => m.size),
    ...(scale?.autoscale ?? []).map((a) => a.size),
    ...nodes.map((n) => n.metadata?.labels?.['node.kubernetes.io/instance-type']),
  ].filter((s): s is string => Boolean(s));
  const accelerator = nodes
    .map((n) => n.metadata?.labels?.['kubernetes.azure.com/accelerator'])
    .find((a) => a !== undefined && a !== '');
  return {
    ...(sizes.length ? { vmSizes: [...new Set(sizes)] } : {}),
    ...(accelerator ? { accelerator } : {}),
  };
}
