import { CAPABILITIES, type Ask } from './capabilities.js';
import type { RbacEvaluator } from './evaluator.js';
import type { Identity } from './identity.js';
import { namespaceFor } from './questions.js';
import type { Binding } from './types.js';

const RBAC = 'rbac.authorization.k8s.io';

// Rights that are cluster-admin by another name. Everything is the cluster-admin capability's own
// question. Impersonating system:masters passes every authorization check (that group is allowed
// before RBAC is asked); a rule naming it or no group at all answers the named question.
// Impersonating any user, or any ServiceAccount in kube-system (the control plane's add-ons), is
// acting as whoever holds the most. `escalate` and `bind` on ClusterRoles cluster-wide write or
// hand out any rule, cluster-admin's included. Only unnamed questions besides system:masters: a
// right limited to named users, accounts or roles is judged by the findings.
const ADMIN_EQUIVALENT: Ask[] = [
  ...CAPABILITIES.filter((c) => c.finding === 'rbac.cluster-admin').flatMap((c) => c.asks),
  { verb: 'impersonate', group: '', resource: 'groups', name: 'system:masters', scope: 'cluster' },
  { verb: 'impersonate', group: '', resource: 'users', scope: 'cluster' },
  { verb: 'impersonate', group: '', resource: 'serviceaccounts', scope: 'kube-system' },
  { verb: 'escalate', group: RBAC, resource: 'clusterroles', scope: 'cluster' },
  { verb: 'bind', group: RBAC, resource: 'clusterroles', scope: 'cluster' },
];

/**
 * Whether `binding` alone gives `id` cluster-admin or its equivalent where the binding reaches:
 * everything, impersonating system:masters, any user or any kube-system ServiceAccount, or
 * escalate or bind on every ClusterRole. Changes to such a binding ask for the cluster's name.
 */
export function adminEquivalent(evaluator: RbacEvaluator, id: Identity, binding: Binding): boolean {
  return ADMIN_EQUIVALENT.some(({ scope, ...r }) =>
    evaluator.can(id, { ...r, namespace: namespaceFor(scope, binding) }, [binding]),
  );
}
