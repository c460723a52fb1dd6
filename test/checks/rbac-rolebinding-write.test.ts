// Writing role bindings alone is not a path to more rights: the API server lets a binding be
// created or updated only by someone who already holds every right of its role (or has `bind`).
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { clusterRole, crb, facts, group, rb, rule } from './rbac-fixtures.js';
import type { PolicyRule } from '../../src/model/rbac.js';

const TEAM = group('0b0c8a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c');
const RBAC = 'rbac.authorization.k8s.io';
const WRITE = rule(['get', 'list', 'create', 'update', 'patch'], [RBAC], ['rolebindings']);

/** The severities of rbac.escalation for a binding of `rules` to TEAM (in shop, or cluster-wide). */
function escalations(rules: PolicyRule[], cluster = false): string[] {
  const review = checkRbac(
    facts({
      clusterRoles: [clusterRole('binding-writer', rules)],
      ...(cluster
        ? { clusterRoleBindings: [crb('leads', 'binding-writer', [TEAM])] }
        : { roleBindings: [rb('shop', 'leads', 'ClusterRole', 'binding-writer', [TEAM])] }),
    }),
  );
  return review.findings.filter((f) => f.id === 'rbac.escalation').map((f) => f.severity);
}

describe('create/update/patch rolebindings', () => {
  // https://kubernetes.io/docs/reference/access-authn-authz/rbac/#restrictions-on-role-binding-creation-or-update :
  // "You can only create/update a role binding if you already have all the permissions contained
  // in the referenced role (at the same scope as the role binding) or if you have been authorized
  // to perform the bind verb on the referenced role."
  it('without bind or escalate is not reported as rbac.escalation', () => {
    expect(escalations([WRITE])).toEqual([]);
    const crbWrite = rule(['create', 'update', 'patch'], [RBAC], ['clusterrolebindings']);
    expect(escalations([crbWrite], true)).toEqual([]);
    // `*` verbs on the bindings themselves give no bind: bind is asked on roles and clusterroles.
    expect(escalations([rule(['*'], [RBAC], ['rolebindings'])])).toEqual([]);
  });

  it('with bind or escalate on roles, or every verb on them, is rbac.escalation', () => {
    expect(escalations([WRITE, rule(['bind'], [RBAC], ['clusterroles'])])).toEqual(['medium']);
    expect(escalations([WRITE, rule(['escalate'], [RBAC], ['roles'])])).toEqual(['medium']);
    expect(escalations([rule(['*'], [RBAC], ['rolebindings', 'roles'])])).toEqual(['medium']);
    const crbWrite = rule(['create'], [RBAC], ['clusterrolebindings']);
    expect(escalations([crbWrite, rule(['bind'], [RBAC], ['clusterroles'])], true)).toEqual([
      'high',
    ]);
  });

  it('with bind held through another binding, the binding that writes is reported too', () => {
    const review = checkRbac(
      facts({
        clusterRoles: [
          clusterRole('binding-writer', [WRITE]),
          clusterRole('binder', [rule(['bind'], [RBAC], ['clusterroles'])]),
        ],
        roleBindings: [
          rb('shop', 'writes', 'ClusterRole', 'binding-writer', [TEAM]),
          rb('shop', 'binds', 'ClusterRole', 'binder', [TEAM]),
        ],
      }),
    );
    const flagged = review.findings
      .filter((f) => f.id === 'rbac.escalation')
      .map((f) => f.object?.name)
      .sort();
    expect(flagged).toEqual(['binds', 'writes']);
  });

  // The RBAC documentation's way to delegate chosen roles: bind limited by resourceNames.
  it('with bind limited to a harmless named role is not rbac.escalation', () => {
    expect(escalations([WRITE, rule(['bind'], [RBAC], ['clusterroles'], ['view'])])).toEqual([]);
    expect(
      escalations([WRITE, rule(['bind'], [RBAC], ['clusterroles'], ['cluster-admin'])]),
    ).toEqual(['medium']);
  });
});
