import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  PolicyV1Api,
  type KubeConfig,
  type V1Pod,
  type V1PodDisruptionBudget,
} from '@kubernetes/client-node';
import { budgetHolds, type BudgetHold } from '../../checks/drain/budgets.js';
import { selectorQuery } from '../../checks/label-selector.js';
import { toDrainPdb, toDrainPod } from '../drain/facts.js';
import { knownDisruptionsAllowed, pdbStatusBehind } from '../../kube/pdb-status.js';
import type { PdbFacts } from '../../checks/versions/preflight.js';
import { ownerLinks, workloadOf, type OwnerLinks } from '../../checks/workload-owner.js';
import { listUnlessForbidden } from '../../kube/paged.js';

/**
 * Every PDB with its allowed disruptions, the workloads it covers and where their pods run.
 * `listPdbs` gives the PDBs when the caller shares one list (default: list them here).
 */
export async function readPdbFacts(
  kc: KubeConfig,
  listPdbs: () => Promise<V1PodDisruptionBudget[]> = async () =>
    (await kc.makeApiClient(PolicyV1Api).listPodDisruptionBudgetForAllNamespaces()).items,
): Promise<PdbFacts[]> {
  const core = kc.makeApiClient(CoreV1Api);
  const pdbs = await listPdbs();
  const links = namespaceLinks(kc);
  const listed = await Promise.all(
    pdbs.map(async (pdb) => {
      const namespace = pdb.metadata?.namespace ?? 'default';
      const selector = pdb.spec?.selector;
      // No selector selects no pod (policy/v1); `{}` selects every pod of the namespace.
      const pods = selector
        ? (await core.listNamespacedPod({ namespace, labelSelector: selectorQuery(selector) }))
            .items
        : [];
      return pods.filter((p) => p.spec?.nodeName && !p.metadata?.deletionTimestamp);
    }),
  );
  // The drain's own judgement (DaemonSets unread: their pods are left out, as AKS leaves them):
  // which pods a budget can hold up, and which several budgets select (refused outright).
  const nodes = new Map<string, string>();
  for (const pod of listed.flat()) nodes.set(podKey(pod), pod.spec!.nodeName!);
  const unique = [...new Map(listed.flat().map((p) => [podKey(p), p])).values()];
  const holds = budgetHolds(unique.map(toDrainPod), { pdbs: pdbs.map(toDrainPdb) });
  return Promise.all(
    pdbs.map(async (pdb, i): Promise<PdbFacts> => {
      const namespace = pdb.metadata?.namespace ?? 'default';
      const name = pdb.metadata?.name ?? '';
      const mine = holds.filter((h) => h.pod.namespace === namespace && h.pdbs.includes(name));
      const where = (h: BudgetHold) => nodes.get(`${h.pod.namespace}/${h.pod.name}`) ?? '';
      const shared = mine.filter((h) => h.pdbs.length > 1);
      return {
        namespace,
        name,
        disruptionsAllowed: knownDisruptionsAllowed(pdb),
        ...(pdbStatusBehind(pdb) ? { statusBehind: true } : {}),
        workloads: await workloadsOf(listed[i]!, () => links(namespace)),
        podNodes: mine.filter((h) => h.pdbs.length === 1).map(where),
        ...(pdb.spec?.maxUnavailable !== undefined
          ? { maxUnavailable: pdb.spec.maxUnavailable }
          : {}),
        ...(pdb.spec?.minAvailable !== undefined ? { minAvailable: pdb.spec.minAvailable } : {}),
        ...(shared.length > 0
          ? {
              sharedPods: shared.map((h) => ({
                pod: `${h.pod.namespace}/${h.pod.name}`,
                node: where(h),
                pdbs: h.pdbs,
              })),
            }
          : {}),
      };
    }),
  );
}

const podKey = (p: V1Pod) => `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;

/** `Deployment/web` and the like for the pods that have an owner, each once. */
async function workloadsOf(pods: V1Pod[], links: () => Promise<OwnerLinks>): Promise<string[]> {
  const owned = pods.filter((p) => (p.metadata?.ownerReferences ?? []).length > 0);
  if (owned.length === 0) return [];
  const known = await links();
  return [...new Set(owned.map((p) => workloadOf(p, known)).map((w) => `${w.kind}/${w.name}`))];
}

/**
 * The ReplicaSets and Jobs of a namespace, read once and only when a budget's pods need them;
 * refused lists leave pods with their direct owner.
 */
function namespaceLinks(kc: KubeConfig): (namespace: string) => Promise<OwnerLinks> {
  const apps = kc.makeApiClient(AppsV1Api);
  const batch = kc.makeApiClient(BatchV1Api);
  const read = new Map<string, Promise<OwnerLinks>>();
  return (namespace) => {
    const known = read.get(namespace);
    if (known) return known;
    const page = (c: string | undefined) => ({ namespace, ...(c ? { _continue: c } : {}) });
    const links = Promise.all([
      listUnlessForbidden((c) => apps.listNamespacedReplicaSet(page(c))),
      listUnlessForbidden((c) => batch.listNamespacedJob(page(c))),
    ]).then(([replicaSets, jobs]) => ownerLinks([...(replicaSets ?? []), ...(jobs ?? [])]));
    read.set(namespace, links);
    return links;
  };
}
