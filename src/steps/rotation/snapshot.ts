import type { KubeConfig } from '@kubernetes/client-node';
import { evictablePodsOn, listPoolNodes } from '../../kube/pool-nodes.js';
import type { NodeSnapshot } from './state.js';

const IMAGE_LABEL = 'kubernetes.azure.com/node-image-version';
const UPGRADE_STATUS_LABEL = 'kubernetes.azure.com/upgrade-status';

/** One poll of a pool: its nodes, and the pods still on the cordoned ones. */
export async function snapshotPool(kc: KubeConfig, pool: string): Promise<NodeSnapshot[]> {
  const nodes = await listPoolNodes(kc, pool);
  return Promise.all(
    nodes.map(async (node): Promise<NodeSnapshot> => {
      const name = node.metadata?.name ?? '';
      const labels = node.metadata?.labels ?? {};
      const snap: NodeSnapshot = {
        name,
        unschedulable: node.spec?.unschedulable === true,
        image: labels[IMAGE_LABEL],
        kubelet: node.status?.nodeInfo?.kubeletVersion,
        quarantined: labels[UPGRADE_STATUS_LABEL] === 'Quarantined',
      };
      if (snap.unschedulable) {
        const pods = await evictablePodsOn(kc, name);
        snap.podsLeft = pods.length;
        snap.waitingFor = pods
          .slice(0, 3)
          .map((p) => `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`);
      }
      return snap;
    }),
  );
}
