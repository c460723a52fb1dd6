import { checkContainers, type WorkloadReview } from '../../checks/containers/check-containers.js';
import { suggestedPatch } from '../../checks/containers/patch.js';
import { PodIssueIndex } from '../../checks/containers/issue-index.js';
import { WorkloadFold } from '../../checks/containers/workload-fold.js';
import { describeKubeError } from '../../kube/errors.js';
import { readPodsAndOwners } from '../../kube/workload-read.js';
import type { InspectContext, Inspection } from '../contract/module.js';
import { plural } from '../../model/plural.js';
import { SEVERITIES } from '../../model/finding.js';

/** What the containers step saw: every workload, system ones marked, with its issues. */
export interface ContainersFacts {
  workloads: WorkloadReview[];
}

/** The widest a system workload's summary line may be: one line on an 80-column screen. */
const SEEN_WIDTH = 78;

/** A system workload's line: the checks it fails, worst first, as many as fit, then `+N more`. */
function seenLine(w: WorkloadReview): string {
  const worst = new Map<string, number>();
  for (const i of w.issues) {
    const id = i.id.replace('containers.', '');
    worst.set(id, Math.max(worst.get(id) ?? 0, SEVERITIES.indexOf(i.severity)));
  }
  const ids = [...worst.keys()].sort((a, b) => worst.get(b)! - worst.get(a)!);
  const head = `  ${w.workload.kind} ${w.workload.namespace}/${w.workload.name}: `;
  for (let named = ids.length; named > 1; named--) {
    const rest = ids.length - named;
    const line = `${head}${ids.slice(0, named).join(', ')}${rest > 0 ? ` +${rest} more` : ''}`;
    if (line.length <= SEEN_WIDTH) return line;
  }
  return `${head}${ids[0] ?? ''}${ids.length > 1 ? ` +${ids.length - 1} more` : ''}`;
}

/**
 * Reads pods, their owners and the workload controllers, checks the pods by workload (a workload
 * without pods by its pod template), and summarises system workloads apart.
 */
export async function inspectContainers(ctx: InspectContext): Promise<Inspection<ContainersFacts>> {
  const { kubeServer } = ctx.connection;
  // Each pod's issues are read, and each pod is placed in its workload, as its page arrives (once
  // the ReplicaSets and Jobs are in), not all at once after the last page.
  const index = new PodIssueIndex();
  const fold = new WorkloadFold(index);
  const facts = await readPodsAndOwners(
    ctx.connection,
    (page) => {
      index.add(page);
      fold.add(page);
    },
    (owners) => fold.owners(owners),
  ).catch((error: unknown) => {
    throw describeKubeError(error, kubeServer, 'list pods and workloads in all namespaces');
  });
  const review = checkContainers(facts, index, fold);
  const user = review.workloads.filter((w) => !w.system);
  const system = review.workloads.filter((w) => w.system && w.issues.length > 0);
  const templates = review.workloads.filter((w) => w.workload.template !== undefined).length;
  const summary = [
    `${plural(facts.pods.length, 'pod')} in ${plural(review.workloads.length, 'workload')}; ${plural(user.length, 'user workload')} checked, ${user.filter((w) => w.issues.length > 0).length} with findings.`,
  ];
  // A workload with no pod now is judged by its pod template: what its next pod will run.
  if (templates > 0)
    summary.push(
      `  ${templates} of them ${templates === 1 ? 'has' : 'have'} no pod now (scaled to 0, suspended, between runs): checked by pod template.`,
    );
  // Only what AKS deploys is kept apart: a workload installed into kube-system without AKS's
  // markers (kured, a Helm chart) is checked as a user workload, since its owner can fix it.
  if (system.length > 0) {
    summary.push(
      'AKS-managed system workloads (AKS labels them as its own) are not findings; you cannot change them, AKS does. Seen:',
      ...system.map(seenLine),
    );
  }
  return { facts: { workloads: review.workloads }, findings: review.findings, summary };
}

/** The suggested securityContext for each user workload with findings, as lines for the plan. */
export function suggestedPatches(facts: ContainersFacts): string[] {
  const bodies = new Map<string, string[]>();
  const patches = facts.workloads
    .filter((w) => !w.system && w.issues.length > 0)
    .map((w) => suggestedPatch(w, bodies));
  if (patches.length === 0) return [];
  return [
    'Suggested securityContext per workload (not applied; test it with the application first):',
    ...patches.flat(),
  ];
}
