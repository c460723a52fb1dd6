import { SEVERITIES, type Finding, type Severity } from '../../model/finding.js';
import { CONTAINER_ADVICE, type ContainerCheckId } from './advice.js';
import type { ContainerIssue } from './container-rules.js';
import { PodIssueIndex } from './issue-index.js';
import { isAksManaged, isSystemWorkload } from './system.js';
import type { ContainerFacts } from '../../model/pods.js';
import { byWorkloadKey, groupByWorkload, type Workload } from './workloads.js';
import { templateWorkloads, workloadKey } from './templates.js';
import type { GatheredWorkload, WorkloadFold } from './workload-fold.js';

/** A workload and the issues found in any of its pods. */
export interface WorkloadReview {
  workload: Workload;
  system: boolean;
  /** Deployed and changed by AKS (its markers on every pod); false for kured and the like. */
  aksManaged: boolean;
  issues: ContainerIssue[];
}

/** The container checks' answer: findings for user workloads, and the system ones kept apart. */
export interface ContainersReview {
  findings: Finding[];
  workloads: WorkloadReview[];
}

function worst(issues: ContainerIssue[]): Severity {
  return SEVERITIES[Math.max(...issues.map((i) => SEVERITIES.indexOf(i.severity)))] ?? 'info';
}

/**
 * Groups pods by workload and turns their issues into one finding per workload and check; a
 * controller without any pod there is judged by its pod template instead (see
 * `templateWorkloads`), under the same ids and severities; pure.
 * `index` may hold the pods' issues already, and `fold` the workloads (gathered as their pages
 * arrived); a fold not made from exactly these facts is not used.
 */
export function checkContainers(
  facts: ContainerFacts,
  index: PodIssueIndex = new PodIssueIndex(),
  fold?: WorkloadFold,
): ContainersReview {
  const findings: Finding[] = facts.forbidden.map((what) => ({
    id: 'containers.forbidden',
    severity: 'medium',
    message: `Could not check ${what}: the API server refused to list them (forbidden). This is not a pass.`,
    remediation: `Ask for list rights on ${what} in all namespaces.`,
  }));
  // Each issue once per workload, in the order first seen (replicas repeat their pod's issues).
  const gather = (workload: Workload): GatheredWorkload => {
    const seen = new Set<string>();
    const issues: ContainerIssue[] = [];
    for (const pod of workload.pods) {
      for (const issue of index.issuesOf(pod)) {
        const key = index.sameAs(issue);
        if (seen.has(key)) continue;
        seen.add(key);
        issues.push(issue);
      }
    }
    return { workload, issues };
  };
  const folded = fold?.of(facts);
  const fromPods = folded
    ? byWorkloadKey(folded, (g) => g.workload)
    : groupByWorkload(facts).map(gather);
  // A controller none of whose pods is there is judged by its pod template (its next pods).
  const present = new Set(fromPods.map((g) => workloadKey(g.workload)));
  const templates = templateWorkloads(facts.controllers ?? [], present).map(gather);
  const gathered =
    templates.length > 0 ? byWorkloadKey([...fromPods, ...templates], (g) => g.workload) : fromPods;
  const workloads = gathered.map(({ workload, issues }): WorkloadReview => ({
    workload,
    system: isSystemWorkload(workload),
    aksManaged: isAksManaged(workload),
    issues,
  }));
  for (const review of workloads.filter((w) => !w.system)) {
    const byId = new Map<ContainerCheckId, ContainerIssue[]>();
    for (const issue of review.issues) byId.set(issue.id, [...(byId.get(issue.id) ?? []), issue]);
    const { kind, namespace, name, template } = review.workload;
    for (const [id, issues] of byId) {
      const advice = CONTAINER_ADVICE[id];
      const seen = `${kind} ${advice.title}: ${issues.map((i) => (i.container ? `${i.container} ${i.what}` : i.what)).join('; ')}.`;
      findings.push({
        id,
        severity: worst(issues),
        object: { kind, namespace, name },
        ...(template === undefined
          ? { message: seen }
          : {
              subject: `${kind} ${namespace}/${name} (template, ${template})`,
              message: `${seen} Seen in its pod template (${template}): no pod of it runs now, but the next one it starts runs this.`,
            }),
        remediation: advice.remediation,
      });
    }
  }
  return { findings, workloads };
}
