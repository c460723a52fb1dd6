import type { Finding } from '../../model/finding.js';
import type { PoolVersionFacts } from './facts.js';
import { sameArmValue } from '../arm-enums.js';
import { plural } from '../../model/plural.js';
import {
  batchSettingsText,
  batchText,
  largestBatch,
  upgradeBatch,
  worstBatch,
} from './upgrade-batch.js';
import { sharedBudgetFindings, type SharedPod } from './shared-budgets.js';
import { capacityLossFinding } from './capacity-loss.js';
import { specWords, unsatisfiableBy } from './unsatisfiable-pdb.js';

/** A PodDisruptionBudget with where its pods run, for predicting blocked drains. */
export interface PdbFacts {
  namespace: string;
  name: string;
  /** 0 when `statusBehind`: the real number is unknown then. */
  disruptionsAllowed: number;
  /** The status trails the spec (observedGeneration below generation): not valid yet. */
  statusBehind?: boolean;
  /** Workloads owning the matched pods, e.g. `StatefulSet/ledger`. */
  workloads: string[];
  /**
   * The node of each pod a drain evicts that this budget alone can hold up (one entry per pod):
   * no DaemonSet, mirror or finished pod, none the eviction API lets go without asking.
   */
  podNodes: string[];
  /** Its pods that other budgets select too: the eviction API refuses them outright. */
  sharedPods?: SharedPod[];
  /** Its spec's maxUnavailable / minAvailable (IntOrString), when set. */
  maxUnavailable?: number | string;
  minAvailable?: number | string;
}

/** What the preflight looks at besides the pools. */
export interface PreflightFacts {
  pools: PoolVersionFacts[];
  clusterState: string;
  pdbs: PdbFacts[];
  /** node name → pool name */
  nodePools: Record<string, string>;
  notReady: string[];
  /** Group/versions the API server still serves that the target minor removes. */
  removedApis: Array<{ groupVersion: string; removedIn: string }>;
}

/** Whether a provisioning state means an operation is still running (a new one would get 409). */
export function isRunningState(state: string): boolean {
  return !['Succeeded', 'Failed', 'Canceled'].some((done) => sameArmValue(state, done));
}

/** Findings that predict a failed or stuck upgrade before anything is sent. */
export function preflightFindings(f: PreflightFacts): Finding[] {
  const out: Finding[] = [];
  const spotPools = new Set(
    f.pools.filter((p) => upgradeBatch(p.settings, p.count).noDrain).map((p) => p.name),
  );
  for (const pdb of f.pdbs) {
    const object = { kind: 'PodDisruptionBudget', namespace: pdb.namespace, name: pdb.name };
    // AKS drains no Spot pool in an upgrade (cordon and eviction notice only): no budget holds it.
    const pools = [
      ...new Set(pdb.podNodes.map((n) => f.nodePools[n]).filter((p): p is string => !!p)),
    ].filter((name) => !spotPools.has(name));
    const who = pdb.workloads.length > 0 ? ` (${pdb.workloads.join(', ')})` : '';
    const unsatisfiable = unsatisfiableBy(pdb);
    if (unsatisfiable === 'max-unavailable-zero') {
      // AKS's pre-check: refused before anything is drained, whatever pods the budget selects.
      out.push({
        id: 'versions.pdb-blocks-drain',
        severity: 'high',
        object,
        message: `PDB ${pdb.namespace}/${pdb.name}${who} has ${specWords(pdb)}: AKS refuses to start an upgrade of the cluster or its pools while it exists (UnsatisfiablePDB)${pools.length === 0 ? ', though it selects no pod a drain would evict' : ''}.`,
        remediation:
          pools.length === 0
            ? 'Delete the budget if its workload is gone, or set maxUnavailable to 1 or more, before upgrading.'
            : 'Set maxUnavailable to 1 or more (with enough replicas to spare one) before upgrading.',
      });
      continue;
    }
    if (pools.length === 0) continue;
    if (unsatisfiable === 'min-available-all') {
      out.push({
        id: 'versions.pdb-blocks-drain',
        severity: 'high',
        object,
        message: `PDB ${pdb.namespace}/${pdb.name}${who} has ${specWords(pdb)}: it never allows a disruption, however many replicas run, so AKS cannot drain its nodes in pool ${pools.join(', ')} and the upgrade will fail with UpgradeFailed.`,
        remediation:
          'Lower minAvailable below 100% (or use maxUnavailable 1) before upgrading, or set undrainableNodeBehavior: Cordon on the pool.',
      });
      continue;
    }
    if (pdb.statusBehind) {
      out.push({
        id: 'versions.pdb-blocks-drain',
        severity: 'high',
        object,
        message: `PDB ${pdb.namespace}/${pdb.name}${who}: its status is not current yet (the disruption controller has not caught up with its latest spec): how many disruptions it allows is unknown, and the eviction API refuses its pods until it catches up, so AKS may fail to drain its nodes in pool ${pools.join(', ')}.`,
        remediation:
          'Check again in a moment; if the status stays behind, check kube-controller-manager before upgrading.',
      });
      continue;
    }
    if (pdb.disruptionsAllowed <= 0) {
      out.push({
        id: 'versions.pdb-blocks-drain',
        severity: 'high',
        object,
        message: `PDB ${pdb.namespace}/${pdb.name}${who} allows 0 disruptions now: AKS cannot drain its nodes in pool ${pools.join(', ')} and the upgrade will fail with UpgradeFailed.`,
        remediation:
          'Scale the workload up or relax the PDB before upgrading, or set undrainableNodeBehavior: Cordon on the pool.',
      });
      continue;
    }
    for (const poolName of pools) {
      const pool = f.pools.find((p) => p.name === poolName);
      if (!pool) continue;
      const inPool = pdb.podNodes.filter((n) => f.nodePools[n] === poolName);
      const batch = upgradeBatch(pool.settings, pool.count);
      if (batch.noDrain) continue; // a Spot pool is not drained: no budget slows it
      // The in-place fallback may drain more nodes at once than the surge: judge the larger.
      const most = largestBatch(batch);
      const byFallback = most > batch.nodes;
      const atOnce = worstBatch(inPool, most);
      if (atOnce > pdb.disruptionsAllowed) {
        out.push({
          id: 'versions.pdb-tight',
          severity: 'medium',
          object,
          message: `PDB ${pdb.namespace}/${pdb.name}${who} allows ${plural(pdb.disruptionsAllowed, 'disruption')}, but a batch of ${plural(most, 'node')}${byFallback ? ' (the in-place fallback AKS takes when it cannot get surge capacity)' : ''} in pool ${poolName} (${batchSettingsText(pool.settings)}: ${batchText(batch)}) holds ${atOnce} of its pods: drains will wait for replacements and may hit the ${pool.settings.drainTimeoutInMinutes ?? 30}-minute drain timeout.`,
          remediation:
            batch.mode === 'in-place' || byFallback
              ? `Lower maxUnavailable for the pool${byFallback ? '' : ' (or upgrade with surge nodes: maxSurge above 0)'}, or raise the workload replicas before the upgrade.`
              : 'Lower maxSurge for the pool, or raise the workload replicas before the upgrade.',
        });
      }
    }
  }
  out.push(...sharedBudgetFindings(f.pdbs, f.nodePools));
  for (const pool of f.pools) {
    const loss = capacityLossFinding(pool);
    if (loss) out.push(loss);
  }
  const busy = [
    ...(isRunningState(f.clusterState) ? [`the cluster (${f.clusterState})`] : []),
    ...f.pools
      .filter((p) => isRunningState(p.provisioningState))
      .map((p) => `pool ${p.name} (${p.provisioningState})`),
  ];
  if (busy.length > 0) {
    out.push({
      id: 'versions.operation-running',
      severity: 'medium',
      message: `An operation is already running on ${busy.join(', ')}: a new upgrade now would be refused with 409 OperationNotAllowed.`,
      remediation: 'Wait for it to finish, or abort it (abortLatestOperation) if it is stuck.',
    });
  }
  for (const node of f.notReady) {
    out.push({
      id: 'versions.node-not-ready',
      severity: 'medium',
      object: { kind: 'Node', name: node },
      message: `Node ${node} is not Ready: its pods may not drain cleanly and the upgrade may stall on it.`,
      remediation: 'Find out why (kubectl describe node) before upgrading its pool.',
    });
  }
  for (const api of f.removedApis) {
    out.push({
      id: 'versions.removed-api-served',
      severity: 'medium',
      message: `The API server still serves ${api.groupVersion}, which Kubernetes ${api.removedIn} removes: manifests and clients using it will break after the upgrade.`,
      remediation: `Move manifests, Helm charts and controllers to the newer API version before upgrading to ${api.removedIn}.`,
    });
  }
  return out;
}
