import type { KubeConfig, V1PodDisruptionBudget } from '@kubernetes/client-node';
import { podsLeftToEvict, refusingBudgets } from '../../checks/drain/budgets.js';
import { listAllPdbs } from '../../kube/lists.js';
import { daemonSetsNotGone, listPoolNodes, podsOnNode } from '../../kube/pool-nodes.js';
import { toDrainPdb, toDrainPod } from '../drain/facts.js';
import type { NodeSnapshot } from './state.js';

const IMAGE_LABEL = 'kubernetes.azure.com/node-image-version';
const UPGRADE_STATUS_LABEL = 'kubernetes.azure.com/upgrade-status';

/**
 * One poll of a pool: its nodes, the pods still on the cordoned ones, and the budgets that
 * refuse evicting those pods now (read once per poll, only when a cordoned node has pods).
 * "Still on it" is what AKS's drain has to move: a pod whose DaemonSet was deleted is evicted
 * like any other (and a budget can hold it), so it is counted, named and judged; only pods of a
 * DaemonSet the API server does not say is gone are left out.
 */
export async function snapshotPool(kc: KubeConfig, pool: string): Promise<NodeSnapshot[]> {
  const nodes = await listPoolNodes(kc, pool);
  let budgets: Promise<V1PodDisruptionBudget[] | undefined> | undefined;
  // A refused or failed PDB read leaves the budgets unnamed; the poll itself goes on.
  const pdbs = () => (budgets ??= listAllPdbs(kc).catch(() => undefined));
  const daemonSetGone = new Map<string, Promise<boolean | undefined>>();
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
        const onNode = (await podsOnNode(kc, name)).map(toDrainPod);
        const owners = onNode.flatMap((p) =>
          p.controller?.kind === 'DaemonSet' ? [`${p.namespace}/${p.controller.name}`] : [],
        );
        const { notGone: daemonSets, unread } = await daemonSetsNotGone(kc, owners, daemonSetGone);
        if (unread) snap.daemonSetsUnread = true;
        const pods = podsLeftToEvict(onNode, daemonSets);
        snap.podsLeft = pods.length;
        snap.waitingFor = pods.slice(0, 3).map((p) => `${p.namespace}/${p.name}`);
        const read = pods.length > 0 ? await pdbs() : undefined;
        if (read)
          snap.blockedBy = refusingBudgets(name, pods, read.map(toDrainPdb), daemonSets).map(
            (b) => b.pdb,
          );
      }
      return snap;
    }),
  );
}
