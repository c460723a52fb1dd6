import { checkRbac, type RbacReview } from '../../checks/rbac/check-bindings.js';
import type { RbacFacts } from '../../checks/rbac/types.js';
import { describeKubeError } from '../../kube/errors.js';
import { readRbac } from '../../kube/rbac-read.js';
import type { InspectContext, Inspection } from '../types.js';
import { replaceCandidates, type Candidate } from './candidates.js';

/** What the rbac step saw: the RBAC objects, the review, and the users that could become groups. */
export interface RbacStepFacts {
  rbac: RbacFacts;
  review: RbacReview;
  candidates: Candidate[];
}

/** Reads bindings and roles (paged) and runs the rbac checks. Never changes anything. */
export async function inspectRbac(ctx: InspectContext): Promise<Inspection<RbacStepFacts>> {
  const { kc, kubeServer } = ctx.connection;
  const rbac = await readRbac(kc).catch((error: unknown) => {
    throw describeKubeError(error, kubeServer, 'list RBAC bindings and roles');
  });
  const review = checkRbac(rbac);
  const candidates = replaceCandidates(rbac);
  const checked =
    rbac.clusterRoleBindings.length + rbac.roleBindings.length - review.excluded.length;
  const summary = [
    `${rbac.clusterRoleBindings.length} ClusterRoleBindings and ${rbac.roleBindings.length} RoleBindings; ${checked} checked, ${review.excluded.length} built-in or AKS-managed left out (name plus managed label).`,
    candidates.length > 0
      ? `${candidates.length} user(s) bound directly can be replaced with an Entra group.`
      : 'No user is bound directly.',
  ];
  return { facts: { rbac, review, candidates }, findings: review.findings, summary };
}
