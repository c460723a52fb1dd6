import { describeAccess } from '../../kube/access-review.js';
import { type AccessQuestion } from '../../model/access.js';
import type { OperatorRights } from '../../model/rights.js';
import type { Candidate } from './candidates.js';

/** The questions the replacement needs answered yes: create the new binding, change the old one. */
function questions(c: Candidate, onlySubject: boolean): AccessQuestion[] {
  const resource = c.binding.kind === 'ClusterRoleBinding' ? 'clusterrolebindings' : 'rolebindings';
  const base = {
    resource,
    group: 'rbac.authorization.k8s.io',
    ...(c.binding.namespace ? { namespace: c.binding.namespace } : {}),
  };
  return [
    { ...base, verb: 'create' },
    { ...base, verb: onlySubject ? 'delete' : 'update', name: c.binding.name },
  ];
}

/**
 * Why the operator may not replace this user (SelfSubjectAccessReview), or undefined when they
 * may. Asked before offering the action, so it is hidden with its reason instead of failing.
 */
export async function replaceUnavailable(
  rights: OperatorRights,
  c: Candidate,
): Promise<string | undefined> {
  const onlySubject = (c.binding.object.subjects ?? []).length <= 1;
  for (const q of questions(c, onlySubject)) {
    const answer = await rights.ask(q);
    if (!answer.allowed)
      return `you may not ${describeAccess(q)}${answer.reason ? ` (${answer.reason})` : ''}`;
  }
  return undefined;
}
