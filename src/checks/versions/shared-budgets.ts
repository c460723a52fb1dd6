import type { Finding } from '../../model/finding.js';
import { plural } from '../../model/plural.js';
import type { PdbFacts } from './preflight.js';

/** A pod that more than one budget selects, where it runs and which budgets they are. */
export interface SharedPod {
  /** `namespace/name` of the pod. */
  pod: string;
  node: string;
  /** Names of every budget selecting it (its namespace's), in the budgets' order. */
  pdbs: string[];
}

/**
 * `versions.pdb-blocks-drain` for pods under more than one PodDisruptionBudget: the eviction API
 * refuses such a pod (HTTP 500) whatever the budgets allow, so AKS's drain of its node fails.
 * One finding per set of budgets, naming its pods and their pools; a pod is said once however
 * many of the budgets list it. Pure.
 */
export function sharedBudgetFindings(
  pdbs: readonly PdbFacts[],
  nodePools: Readonly<Record<string, string>>,
): Finding[] {
  const groups = new Map<string, { namespace: string; names: string[]; pods: SharedPod[] }>();
  const seen = new Set<string>();
  for (const pdb of pdbs) {
    for (const shared of pdb.sharedPods ?? []) {
      if (seen.has(shared.pod) || !nodePools[shared.node]) continue;
      seen.add(shared.pod);
      const key = `${pdb.namespace}/${shared.pdbs.join(',')}`;
      const group = groups.get(key) ?? { namespace: pdb.namespace, names: shared.pdbs, pods: [] };
      group.pods.push(shared);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(({ namespace, names, pods }) => {
    const pools = [...new Set(pods.map((p) => nodePools[p.node]!))];
    const shown = pods.slice(0, 3).map((p) => p.pod);
    const more = pods.length > shown.length ? ` and ${pods.length - shown.length} more` : '';
    return {
      id: 'versions.pdb-blocks-drain',
      severity: 'high',
      object: { kind: 'PodDisruptionBudget', namespace, name: names[0]! },
      message: `PDBs ${names.map((n) => `${namespace}/${n}`).join(', ')} all select ${plural(pods.length, 'pod')} (${shown.join(', ')}${more}): the eviction API refuses to evict a pod under more than one budget, so AKS cannot drain ${pods.length === 1 ? 'its node' : 'their nodes'} in pool ${pools.join(', ')} and the upgrade will fail with UpgradeFailed.`,
      remediation:
        'Keep one PodDisruptionBudget per pod (narrow or delete the extra one) before upgrading, or set undrainableNodeBehavior: Cordon on the pool.',
    };
  });
}
