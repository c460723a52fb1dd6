// Patching a Namespace object changes its labels: its Pod Security Admission level and what
// NetworkPolicies select. The RBAC good practices list it among privilege escalation risks.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { clusterRole, crb, facts, group, rb, rule } from '../checks/rbac-fixtures.js';

const TEAM = group('0b0c8a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c');

describe('patch on namespaces', () => {
  // https://kubernetes.io/docs/concepts/security/rbac-good-practices/#namespace-modification :
  // "Users who can perform patch operations on Namespace objects (through a namespaced RoleBinding
  // to a Role with that access) can modify labels on that namespace ... a more permissive policy".
  it.fails('cluster-wide is reported as rbac.escalation', () => {
    const review = checkRbac(
      facts({
        clusterRoles: [clusterRole('ns-labeler', [rule(['get', 'patch'], [''], ['namespaces'])])],
        clusterRoleBindings: [crb('ns-labelers', 'ns-labeler', [TEAM])],
      }),
    );
    expect(review.findings.map((f) => f.id)).toContain('rbac.escalation');
  });

  // A RoleBinding in `shop` allows patch on the Namespace `shop` itself (the request for
  // /api/v1/namespaces/shop carries namespace shop), which is the case the good practices name.
  it.fails('through a RoleBinding (its own namespace) is reported as rbac.escalation', () => {
    const review = checkRbac(
      facts({
        clusterRoles: [clusterRole('ns-labeler', [rule(['get', 'patch'], [''], ['namespaces'])])],
        roleBindings: [rb('shop', 'ns-labelers', 'ClusterRole', 'ns-labeler', [TEAM])],
      }),
    );
    expect(review.findings.map((f) => f.id)).toContain('rbac.escalation');
  });
});
