import { checkContainers, type WorkloadReview } from '../../checks/containers/check-containers.js';
import { suggestedPatch } from '../../checks/containers/patch.js';
import { describeKubeError } from '../../kube/errors.js';
import { readPodsAndOwners } from '../../kube/workload-read.js';
import type { InspectContext, Inspection } from '../contract/module.js';
import { plural } from '../../model/plural.js';

/** What the containers step saw: every workload, system ones marked, with its issues. */
export interface ContainersFacts {
  workloads: WorkloadReview[];
}

/** Reads pods and their owners, checks them by workload, and summarises system workloads apart. */
export async function inspectContainers(ctx: InspectContext): Promise<Inspection<ContainersFacts>> {
  const { kubeServer } = ctx.connection;
  const facts = await readPodsAndOwners(ctx.connection).catch((error: unknown) => {
    throw describeKubeError(error, kubeServer, 'list pods in all namespaces');
  });
  const review = checkContainers(facts);
  const user = review.workloads.filter((w) => !w.system);
  const system = review.workloads.filter((w) => w.system && w.issues.length > 0);
  const summary = [
    `${plural(facts.pods.length, 'pod')} in ${plural(review.workloads.length, 'workload')}; ${plural(user.length, 'user workload')} checked, ${user.filter((w) => w.issues.length > 0).length} with findings.`,
  ];
  const seen = (w: WorkloadReview) =>
    `  ${w.workload.kind} ${w.workload.namespace}/${w.workload.name}: ${[...new Set(w.issues.map((i) => i.id.replace('containers.', '')))].join(', ')}`;
  const aks = system.filter((w) => w.aksManaged);
  const others = system.filter((w) => !w.aksManaged);
  if (aks.length > 0) {
    summary.push(
      'AKS-managed system workloads (AKS labels them as its own) are not findings; you cannot change them, AKS does. Seen:',
      ...aks.map(seen),
    );
  }
  if (others.length > 0) {
    summary.push(
      'In kube-system but not deployed by AKS (no AKS label: installed by you or a tool such as Helm). Kept apart and not counted, as platform workloads; review them yourself. Seen:',
      ...others.map(seen),
    );
  }
  return { facts: { workloads: review.workloads }, findings: review.findings, summary };
}

/** The suggested securityContext for each user workload with findings, as lines for the plan. */
export function suggestedPatches(facts: ContainersFacts): string[] {
  const patches = facts.workloads
    .filter((w) => !w.system && w.issues.length > 0)
    .map(suggestedPatch);
  if (patches.length === 0) return [];
  return [
    'Suggested securityContext per workload (not applied; test it with the application first):',
    ...patches.flat(),
  ];
}
