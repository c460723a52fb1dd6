// Minting a token for (or impersonating) a ServiceAccount gives its rights. In a namespace whose
// ServiceAccount is cluster-admin, that is cluster-admin; the finding is still rated by the
// binding's reach ("one namespace": medium), as if the rights stayed in the namespace. The checks
// already rate kube-system as "as good as everywhere" for this very reason.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { CLUSTER_ADMIN, clusterRole, crb, facts, group, rb, rule, sa } from './rbac-fixtures.js';

const TEAM = group('0b0c8a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c');

describe('serviceaccounts/token in a namespace holding a cluster-admin ServiceAccount', () => {
  // https://kubernetes.io/docs/concepts/security/rbac-good-practices/#token-request : "Users
  // with create rights on serviceaccounts/token can create TokenRequests to issue tokens for
  // existing service accounts" (and so act with their rights, cluster-admin here).
  it('is a high escalation (a path to cluster-admin), not medium', () => {
    const review = checkRbac(
      facts({
        clusterRoles: [
          CLUSTER_ADMIN,
          clusterRole('token-minter', [rule(['create'], [''], ['serviceaccounts/token'])]),
        ],
        clusterRoleBindings: [crb('deployer-admin', 'cluster-admin', [sa('ops', 'deployer')])],
        roleBindings: [rb('ops', 'team-tokens', 'ClusterRole', 'token-minter', [TEAM])],
      }),
    );
    const escalation = review.findings.find(
      (f) => f.object?.name === 'team-tokens' && f.id === 'rbac.escalation',
    );
    expect(escalation?.severity).toBe('high');
  });

  it('counts only the accounts a named grant reaches', () => {
    const review = checkRbac(
      facts({
        clusterRoles: [
          CLUSTER_ADMIN,
          clusterRole('token-minter', [
            rule(['create'], [''], ['serviceaccounts/token'], ['builder']),
          ]),
        ],
        clusterRoleBindings: [crb('deployer-admin', 'cluster-admin', [sa('ops', 'deployer')])],
        roleBindings: [rb('ops', 'team-tokens', 'ClusterRole', 'token-minter', [TEAM])],
      }),
    );
    const escalation = review.findings.find(
      (f) => f.object?.name === 'team-tokens' && f.id === 'rbac.escalation',
    );
    expect(escalation?.severity).toBe('medium');
    expect(escalation?.message).not.toContain('ops/deployer');
  });

  it('impersonating ServiceAccounts of the namespace is rated the same way', () => {
    const review = checkRbac(
      facts({
        clusterRoles: [
          CLUSTER_ADMIN,
          clusterRole('sa-impersonator', [rule(['impersonate'], [''], ['serviceaccounts'])]),
        ],
        clusterRoleBindings: [crb('deployer-admin', 'cluster-admin', [sa('ops', 'deployer')])],
        roleBindings: [rb('ops', 'team-as', 'ClusterRole', 'sa-impersonator', [TEAM])],
      }),
    );
    const escalation = review.findings.find(
      (f) => f.object?.name === 'team-as' && f.id === 'rbac.escalation',
    );
    expect(escalation?.severity).toBe('high');
    expect(escalation?.message).toContain('can run as ServiceAccount ops/deployer');
  });
});
