import type { Finding } from '../../model/finding.js';
import { isWindowsOs } from '../arm-enums.js';
import { isRunningState } from '../versions/preflight.js';
import type { ImagePool } from './facts.js';
import { imageAgeDays } from './image-age.js';
import { compareImageVersions } from './image-version.js';

// A pool's nodeImageVersion is what ARM records for the pool; each node says what it really runs in
// its `kubernetes.azure.com/node-image-version` label (AKS's node image upgrade article checks it
// with kubectl get nodes). A failed or partly applied upgrade, or a node quarantined by a blocked
// drain (undrainableNodeBehavior Cordon), leaves nodes on an older image while the pool says
// newer (Azure/AKS#3355, #3439). AKS answers a node image upgrade of a pool it records as on the
// latest image with 304, so such nodes are only seen, and fixed, node by node.

/**
 * How a node's image stands to its pool's: `older`, `other` (a different image, e.g. an OS change
 * not applied to it, which cannot be ordered), or undefined when it is the same or newer (the
 * pool's record can lag a node a running upgrade already reimaged).
 */
function behindHow(node: string, pool: string): 'older' | 'other' | undefined {
  if (node.toLowerCase() === pool.toLowerCase()) return undefined;
  const order = compareImageVersions(node, pool);
  return order === undefined ? 'other' : order < 0 ? 'older' : undefined;
}

/**
 * One finding per node whose image label is behind its pool's nodeImageVersion: medium, high when
 * its image is older than 60 days or the node is Windows (as nodeimage.outdated), low while an
 * operation still runs on the pool. Nodes without the label, and pools without a version, are
 * left to the pool's own verdict (nodeimage.unknown).
 */
export function nodesBehindPool(pool: ImagePool, now: number): Finding[] {
  const has = pool.nodeImageVersion?.trim();
  if (!has) return [];
  const running = isRunningState(pool.provisioningState);
  const windows = isWindowsOs(pool.osType);
  const out: Finding[] = [];
  for (const node of pool.nodes) {
    const image = node.image?.trim();
    const how = image ? behindHow(image, has) : undefined;
    if (!image || !how) continue;
    const age = imageAgeDays(image, now);
    const aged = age === undefined ? '' : ` (built ${age} days ago)`;
    out.push({
      id: 'nodeimage.node-behind',
      severity: running ? 'low' : windows || (age ?? 0) > 60 ? 'high' : 'medium',
      object: { kind: 'Node', name: node.name },
      message: running
        ? `Node ${node.name} still runs ${image}${aged}, not its pool ${pool.name}'s ${has}; an operation is running on the pool (${pool.provisioningState}), so this is expected until it reaches the node.`
        : `Node ${node.name} runs ${image}${aged}, ${how === 'older' ? 'older than' : 'not'} its pool ${pool.name}'s ${has}: an upgrade did not reach it${how === 'older' ? ', and it misses the fixes of the newer image' : ''}.`,
      remediation: running
        ? 'Look again when the operation ends; if the node is still behind then, see what stopped it (az aks nodepool show: provisioningState).'
        : `Find what stopped the upgrade at this node (az aks nodepool show: provisioningState Failed; kubectl get node ${node.name} --show-labels: kubernetes.azure.com/upgrade-status=Quarantined means its drain was blocked, often by a PodDisruptionBudget), fix it, then drain the node (drain step) and reimage it (az vmss reimage -g <node resource group> -n <scale set> --instance-ids <id>), and uncordon it.`,
    });
  }
  return out;
}
