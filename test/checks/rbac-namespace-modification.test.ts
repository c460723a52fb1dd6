// Patching a Namespace object changes its labels: its Pod Security Admission level and what
// NetworkPolicies select. The RBAC good practices list it among privilege escalation risks.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { clusterRole, crb, facts, group, rb, rule } from './rbac-fixtures.js';

const TEAM = group('0b0c8a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c');

describe('patch on namespaces', () => {
  // https://kubernetes.io/docs/concepts/security/rbac-good-practices/#namespace-modification :
  // "Users who can perform patch operations on Namespace objects (through a namespaced RoleBinding
  // to a Role with that access) can modify labels on that namespace ... a more permissive policy".
  it('cluster-wide is reported as rbac.escalation', () => {
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
  it('through a RoleBinding (its own namespace) is reported as rbac.escalation', () => {
    const review = checkRbac(
      facts({
        clusterRoles: [clusterRole('ns-labeler', [rule(['get', 'patch'], [''], ['namespaces'])])],
        roleBindings: [rb('shop', 'ns-labelers', 'ClusterRole', 'ns-labeler', [TEAM])],
      }),
    );
    expect(review.findings.map((f) => f.id)).toContain('rbac.escalation');
  });

  it('is high cluster-wide and medium through a RoleBinding, and reading namespaces is nothing', () => {
    const labeler = clusterRole('ns-labeler', [rule(['update'], [''], ['namespaces'])]);
    const reader = clusterRole('ns-reader', [rule(['get', 'list', 'watch'], [''], ['namespaces'])]);
    const review = checkRbac(
      facts({
        clusterRoles: [labeler, reader],
        clusterRoleBindings: [
          crb('wide', 'ns-labeler', [TEAM]),
          crb('readers', 'ns-reader', [TEAM]),
        ],
        roleBindings: [rb('shop', 'narrow', 'ClusterRole', 'ns-labeler', [TEAM])],
      }),
    );
    const of = (name: string) =>
      review.findings
        .filter((f) => f.object?.name === name && f.id === 'rbac.escalation')
        .map((f) => f.severity);
    expect([of('wide'), of('narrow'), of('readers')]).toEqual([['high'], ['medium'], []]);
  });
});
