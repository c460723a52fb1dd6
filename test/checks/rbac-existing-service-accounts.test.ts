// Whoever can act as the ServiceAccounts of a namespace (create pods there, mint their tokens)
// gains the rights of any of them: every account that exists counts, not only those a binding
// names (RBAC good practices, "workload creation" and "token request",
// https://kubernetes.io/docs/concepts/security/rbac-good-practices/). An account bound only
// through its groups (`system:serviceaccounts`, `system:serviceaccounts:<ns>`) holds their rights
// just the same. A refused list of ServiceAccounts is a hole, never a pass.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import type { RbacFacts } from '../../src/checks/rbac/types.js';
import { isHoleFinding } from '../../src/report/hole-findings.js';
import { CLUSTER_ADMIN, clusterRole, crb, facts, group, rb, rule, sa } from './rbac-fixtures.js';

const TEAM = group('0b0c8a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c');
const accounts = (...names: string[]) =>
  names.map((n) => ({ namespace: n.split('/')[0]!, name: n.split('/')[1]! }));

/** TEAM may mint tokens for the ServiceAccounts named `names` only, in namespace ops. */
const tokenMinter = (names: string[]) =>
  clusterRole('token-minter', [rule(['create'], [''], ['serviceaccounts/token'], names)]);

function escalationOf(f: RbacFacts, binding: string) {
  return checkRbac(f).findings.find(
    (x) => x.object?.name === binding && x.id === 'rbac.escalation',
  );
}

describe('a ServiceAccount that exists but no binding names', () => {
  it('is reached by a token grant named for it, with the rights of its namespace group', () => {
    const esc = escalationOf(
      facts({
        clusterRoles: [CLUSTER_ADMIN, tokenMinter(['builder'])],
        clusterRoleBindings: [
          crb('ops-accounts-admin', 'cluster-admin', [group('system:serviceaccounts:ops')]),
        ],
        roleBindings: [rb('ops', 'team-tokens', 'ClusterRole', 'token-minter', [TEAM])],
        serviceAccounts: accounts('ops/default', 'ops/builder'),
      }),
      'team-tokens',
    );
    expect(esc?.severity).toBe('high');
    expect(esc?.message).toContain(
      'can run as ServiceAccount ops/builder, which has full control across the whole cluster (ClusterRoleBinding/ops-accounts-admin)',
    );
  });

  it('is reached through the group of every ServiceAccount, in a namespace no binding names', () => {
    // A ClusterRoleBinding reaches every namespace: ci is known only from its accounts.
    const esc = escalationOf(
      facts({
        clusterRoles: [CLUSTER_ADMIN, tokenMinter(['builder'])],
        clusterRoleBindings: [
          crb('all-accounts-admin', 'cluster-admin', [group('system:serviceaccounts')]),
          crb('team-tokens', 'token-minter', [TEAM]),
        ],
        serviceAccounts: accounts('ci/default', 'ci/builder'),
      }),
      'team-tokens',
    );
    expect(esc?.message).toContain('can run as ServiceAccount ci/builder, which has full control');
  });

  it('is not reached when it does not exist and no binding names it', () => {
    const esc = escalationOf(
      facts({
        clusterRoles: [CLUSTER_ADMIN, tokenMinter(['builder'])],
        clusterRoleBindings: [
          crb('ops-accounts-admin', 'cluster-admin', [group('system:serviceaccounts:ops')]),
        ],
        roleBindings: [rb('ops', 'team-tokens', 'ClusterRole', 'token-minter', [TEAM])],
        serviceAccounts: accounts('ops/default', 'ops/runner'),
      }),
      'team-tokens',
    );
    expect(esc?.severity).toBe('medium');
    expect(esc?.message).not.toContain('can run as');
  });
});

describe('the ServiceAccounts of a namespace besides those listed', () => {
  it('default counts even when the list lacks it', () => {
    const esc = escalationOf(
      facts({
        clusterRoles: [CLUSTER_ADMIN, tokenMinter(['default'])],
        clusterRoleBindings: [
          crb('ops-accounts-admin', 'cluster-admin', [group('system:serviceaccounts:ops')]),
        ],
        roleBindings: [rb('ops', 'team-tokens', 'ClusterRole', 'token-minter', [TEAM])],
        serviceAccounts: accounts('ops/builder'),
      }),
      'team-tokens',
    );
    expect(esc?.severity).toBe('high');
    expect(esc?.message).toContain('can run as ServiceAccount ops/default');
  });

  it('an account a binding names that does not exist yet still counts (one made later gets it)', () => {
    const esc = escalationOf(
      facts({
        clusterRoles: [CLUSTER_ADMIN, clusterRole('pod-maker', [rule(['create'], [''], ['pods'])])],
        clusterRoleBindings: [crb('deployer-admin', 'cluster-admin', [sa('ops', 'deployer')])],
        roleBindings: [rb('ops', 'team-pods', 'ClusterRole', 'pod-maker', [TEAM])],
        serviceAccounts: accounts('ops/default'),
      }),
      'team-pods',
    );
    expect(esc?.severity).toBe('high');
    expect(esc?.message).toContain('can run as ServiceAccount ops/deployer');
  });
});

describe('a refused list of ServiceAccounts', () => {
  it('is a hole (rbac.forbidden naming serviceaccounts), never a pass', () => {
    const review = checkRbac(
      facts({
        clusterRoles: [CLUSTER_ADMIN, clusterRole('pod-maker', [rule(['create'], [''], ['pods'])])],
        roleBindings: [rb('ops', 'team-pods', 'ClusterRole', 'pod-maker', [TEAM])],
        forbidden: ['serviceaccounts'],
      }),
    );
    const hole = review.findings.find((f) => f.id === 'rbac.forbidden');
    expect(hole && isHoleFinding(hole)).toBe(true);
    expect(hole?.message).toMatch(/^Could not check serviceaccounts: /);
    expect(hole?.message).toContain('This is not a pass.');
    expect(hole?.remediation).toMatch(/list rights on serviceaccounts/);
    expect(hole?.remediation).not.toContain('rbac.authorization.k8s.io');
  });
});

describe('grants to the ServiceAccount groups', () => {
  const podMaker = clusterRole('pod-maker', [rule(['create'], [''], ['pods'])]);
  const exec = clusterRole('exec', [rule(['create'], [''], ['pods/exec'])]);
  const reached = (subject: ReturnType<typeof group>) =>
    escalationOf(
      facts({
        clusterRoles: [CLUSTER_ADMIN, podMaker, exec],
        // A RoleBinding in kube-system: whoever holds it may exec into the add-ons' pods.
        roleBindings: [
          rb('ops', 'team-pods', 'ClusterRole', 'pod-maker', [TEAM]),
          rb('kube-system', 'accounts-exec', 'ClusterRole', 'exec', [subject]),
        ],
        serviceAccounts: accounts('ops/default', 'ops/builder'),
      }),
      'team-pods',
    );

  it('system:serviceaccounts:<ns> gives every account of that namespace', () => {
    const esc = reached(group('system:serviceaccounts:ops'));
    expect(esc?.severity).toBe('high');
    expect(esc?.message).toMatch(/can run as ServiceAccount ops\/\w+, which can run commands/);
  });

  it('system:serviceaccounts gives every account of every namespace', () => {
    expect(reached(group('system:serviceaccounts'))?.severity).toBe('high');
  });

  it("another namespace's group gives none of this one's", () => {
    // (Creating pods where no Pod Security level is enforced is node access, an escalation of its
    // own; what must not be there is the reach of ops' accounts.)
    expect(reached(group('system:serviceaccounts:web'))?.message ?? '').not.toMatch(
      /can run as ServiceAccount/,
    );
  });
});
