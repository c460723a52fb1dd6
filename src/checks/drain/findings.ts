import type { Finding } from '../../model/finding.js';
import type { DrainNode, NodePlan } from '../../model/drain.js';
import { planNode, type DrainWorld } from './plan.js';
import { budgetBlocked } from './budgets.js';
import { AKS_UPGRADE_STATUS_LABEL, quarantineWayOut } from './nodes.js';
import { DEFAULT_DRAIN_OPTIONS, type DrainPod } from '../../model/drain.js';

/** What the drain step's inspection saw. */
export interface DrainFacts {
  nodes: DrainNode[];
  podsByNode: Record<string, DrainPod[]>;
  world: DrainWorld;
  /** Reads the API server refused (what could not be checked). */
  forbidden: string[];
}

const planned = new WeakMap<DrainFacts, Map<string, NodePlan>>();

/**
 * A node's drain plan with the default options, made once per look: the findings and the
 * step's first preview (default options) are the same plans. Treat it as read-only.
 */
export function defaultPlan(facts: DrainFacts, node: string): NodePlan {
  let plans = planned.get(facts);
  if (!plans) planned.set(facts, (plans = new Map<string, NodePlan>()));
  let plan = plans.get(node);
  if (!plan) {
    plan = planNode(node, facts.podsByNode[node] ?? [], facts.world, DEFAULT_DRAIN_OPTIONS);
    plans.set(node, plan);
  }
  return plan;
}

/**
 * Findings of the drain step, planned with the default options: what would block or slow a drain,
 * nodes left cordoned, nodes waiting for a reboot, and what could not be checked.
 */
export function drainFindings(facts: DrainFacts): Finding[] {
  const findings: Finding[] = facts.forbidden.map((what) => ({
    id: 'drain.forbidden',
    severity: 'medium',
    message: `Could not check: forbidden to ${what}.`,
    remediation: 'Ask for read access to nodes, pods, DaemonSets and PodDisruptionBudgets.',
  }));
  const seenPdb = new Set<string>();
  // Without the DaemonSet list every DaemonSet pod looks orphaned: that is drain.forbidden's to say.
  const daemonSetsUnread = facts.forbidden.some((what) => what.includes('daemonsets'));
  for (const node of facts.nodes) {
    if (!node.schedulable && node.aksQuarantined) {
      findings.push({
        id: 'drain.node-cordoned',
        severity: 'low',
        object: { kind: 'Node', name: node.name },
        message: `Node ${node.name} is cordoned and labelled ${AKS_UPGRADE_STATUS_LABEL}=Quarantined: AKS quarantined it after an upgrade drain it could not finish (undrainableNodeBehavior Cordon), and the upgrade ended Failed.`,
        remediation: quarantineWayOut(node.name),
      });
    } else if (!node.schedulable) {
      findings.push({
        id: 'drain.node-cordoned',
        severity: 'low',
        object: { kind: 'Node', name: node.name },
        message: `Node ${node.name} is cordoned: nothing new is scheduled on it.`,
        remediation: 'If its maintenance is over (an interrupted drain?), uncordon it.',
      });
    }
    if (node.rebootNeeded) {
      findings.push({
        id: 'drain.reboot-needed',
        severity: 'low',
        object: { kind: 'Node', name: node.name },
        message: `Node ${node.name} is waiting for a kured reboot.`,
        remediation: 'Let kured reboot it, or drain it in a maintenance window.',
      });
    }
    // Budgets are judged on every pod a drain could evict, not only those the default options
    // let through: a pod with emptyDir data (or no controller) waits on its budget just the same
    // once that is allowed, and a pod under two budgets is refused whatever the options.
    // Unread DaemonSets: whether a DaemonSet pod would be evicted is unknown, so it is left out.
    const pods = facts.podsByNode[node.name] ?? [];
    const world = daemonSetsUnread ? { pdbs: facts.world.pdbs } : facts.world;
    for (const b of budgetBlocked(node.name, pods, world)) {
      const pod = { kind: 'Pod', name: b.pod.name, namespace: b.pod.namespace };
      if (b.cause === 'pdb' && b.pdbs) {
        const key = `${b.pod.namespace}/${b.pdbs[0]}`;
        const pdb = facts.world.pdbs.find((p) => `${p.namespace}/${p.name}` === key);
        if (seenPdb.has(key) || !pdb || pdb.disruptionsAllowed > 0) continue;
        seenPdb.add(key);
        findings.push({
          id: 'drain.pdb-blocks-eviction',
          severity: 'medium',
          object: { kind: 'PodDisruptionBudget', name: pdb.name, namespace: pdb.namespace },
          ...(pdb.statusBehind
            ? {
                message: `PDB ${key}'s status is not current yet (the disruption controller has not caught up with its latest spec): evictions it covers are refused until it does, so draining node ${node.name} may wait on it.`,
                remediation:
                  'Check again in a moment; if the status stays behind, check kube-controller-manager.',
              }
            : {
                message: `PDB ${key} allows no disruption now (needs ${pdb.desiredHealthy} healthy, has ${pdb.currentHealthy}): draining node ${node.name} waits on it until it times out.`,
                remediation:
                  'Add replicas so the budget allows one disruption, or relax minAvailable/maxUnavailable.',
              }),
        });
      } else if (b.cause === 'several-pdbs') {
        findings.push({
          id: 'drain.several-pdbs',
          severity: 'medium',
          object: pod,
          message: `Pod ${b.pod.namespace}/${b.pod.name} is covered by several PDBs (${(b.pdbs ?? []).join(', ')}): the eviction API refuses to evict it.`,
          remediation: 'Keep one PodDisruptionBudget per pod.',
        });
      }
    }
    const plan = defaultPlan(facts, node.name);
    for (const b of plan.blocked) {
      const pod = { kind: 'Pod', name: b.pod.name, namespace: b.pod.namespace };
      // Budgets (pdb, several-pdbs) are said above, from the budgets' own plan.
      if (b.cause === 'daemonset-missing' && !daemonSetsUnread) {
        // kubectl drain refuses a pod whose DaemonSet is gone unless forced, as it refuses a pod
        // with no controller, and nothing recreates it either way.
        findings.push({
          id: 'drain.unreplicated-pod',
          severity: 'low',
          object: pod,
          message: `Pod ${b.pod.namespace}/${b.pod.name} belongs to DaemonSet ${b.pod.controller?.name ?? '?'}, which is gone: a drain refuses it, and if forced it is gone for good.`,
          remediation: 'Delete the orphaned pod, or recreate its DaemonSet.',
        });
      } else if (b.cause === 'unreplicated') {
        findings.push({
          id: 'drain.unreplicated-pod',
          severity: 'low',
          object: pod,
          message: `Pod ${b.pod.namespace}/${b.pod.name} has no controller: a drain refuses it, and if forced it is gone for good.`,
          remediation: 'Run it under a Deployment or StatefulSet.',
        });
      } else if (b.cause === 'emptydir') {
        findings.push({
          id: 'drain.emptydir-pod',
          severity: 'info',
          object: pod,
          message: `Pod ${b.pod.namespace}/${b.pod.name} keeps data in an emptyDir volume: a drain needs "delete emptyDir data" and that data is lost.`,
        });
      }
    }
  }
  return findings;
}
