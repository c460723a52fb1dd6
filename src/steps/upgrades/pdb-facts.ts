import {
  CoreV1Api,
  PolicyV1Api,
  type KubeConfig,
  type V1LabelSelector,
  type V1Pod,
} from '@kubernetes/client-node';
import type { PdbFacts } from '../../checks/versions/preflight.js';
import type { V1PodDisruptionBudget } from '@kubernetes/client-node';

/** `matchLabels`/`matchExpressions` as a label selector string for a list call. */
export function selectorString(s: V1LabelSelector | undefined): string {
  const parts = Object.entries(s?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of s?.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

/** `Deployment/web` for a pod owned by ReplicaSet `web-5d9c7b6f4`, else the direct owner. */
function workloadOf(pod: V1Pod): string | undefined {
  const owner =
    pod.metadata?.ownerReferences?.find((o) => o.controller) ?? pod.metadata?.ownerReferences?.[0];
  if (!owner) return undefined;
  const deployment =
    owner.kind === 'ReplicaSet' ? /^(.*)-[a-z0-9]{5,10}$/.exec(owner.name)?.[1] : undefined;
  return deployment ? `Deployment/${deployment}` : `${owner.kind}/${owner.name}`;
}

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
  return Promise.all(
    pdbs.map(async (pdb): Promise<PdbFacts> => {
      const namespace = pdb.metadata?.namespace ?? 'default';
      const selector = selectorString(pdb.spec?.selector);
      const pods = selector
        ? (await core.listNamespacedPod({ namespace, labelSelector: selector })).items
        : [];
      const running = pods.filter((p) => p.spec?.nodeName && !p.metadata?.deletionTimestamp);
      return {
        namespace,
        name: pdb.metadata?.name ?? '',
        disruptionsAllowed: pdb.status?.disruptionsAllowed ?? 0,
        workloads: [...new Set(running.map(workloadOf).filter((w): w is string => !!w))],
        podNodes: running.map((p) => p.spec!.nodeName!),
      };
    }),
  );
}
