// Create and read Secrets in a namespace mints a token for any ServiceAccount of that namespace: a
// Secret of type kubernetes.io/service-account-token naming the account is filled in by the
// control plane's token controller, and reading it back gives that account's rights. An
// escalation, like creating pods there, where a ServiceAccount holds more than the namespace.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { CLUSTER_ADMIN, crb, facts, group, rb, role, rule, sa } from './rbac-fixtures.js';

const TEAM = group('0b0c8a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c');

describe('create + get Secrets where a ServiceAccount is cluster-admin', () => {
  // kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/ (Token controller:
  // "watches for ... Secret creation ... and adds a token to the Secret") and
  // kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#manually-create-an-api-token-for-a-serviceaccount;
  // rbac-good-practices "Token request": issuing tokens for existing ServiceAccounts escalates.
  it('is reported high, as a path to the ServiceAccount ci/deployer', () => {
    const review = checkRbac(
      facts({
        clusterRoles: [CLUSTER_ADMIN],
        roles: [role('ci', 'secret-writer', [rule(['create', 'get'], [''], ['secrets'])])],
        clusterRoleBindings: [crb('ci-deployer-admin', 'cluster-admin', [sa('ci', 'deployer')])],
        roleBindings: [rb('ci', 'secret-writers', 'Role', 'secret-writer', [TEAM])],
      }),
    );
    const onBinding = review.findings.filter((f) => f.object?.name === 'secret-writers');
    expect(onBinding.map((f) => f.severity)).toContain('high');
  });

  const review = (roles: ReturnType<typeof role>[], groupBindings: ReturnType<typeof rb>[]) =>
    checkRbac(
      facts({
        clusterRoles: [CLUSTER_ADMIN],
        roles,
        clusterRoleBindings: [crb('ci-deployer-admin', 'cluster-admin', [sa('ci', 'deployer')])],
        roleBindings: groupBindings,
      }),
    ).findings.filter((f) => f.subject?.includes(TEAM.name) && f.id.startsWith('rbac.'));
  const found = (f: ReturnType<typeof review>) => f.map((x) => `${x.id}:${x.severity}`).sort();

  it('create with list (or watch) is the same path, naming the account', () => {
    for (const read of ['list', 'watch']) {
      const f = review(
        [role('ci', 'r', [rule(['create', read], [''], ['secrets'])])],
        [rb('ci', 'b', 'Role', 'r', [TEAM])],
      );
      expect(found(f)).toEqual(['rbac.escalation:high', 'rbac.secrets-read:low']);
      expect(f.find((x) => x.id === 'rbac.escalation')?.message).toContain(
        'ServiceAccount ci/deployer',
      );
    }
  });

  it('create from one binding and get from another still mints it', () => {
    const f = review(
      [
        role('ci', 'creator', [rule(['create'], [''], ['secrets'])]),
        role('ci', 'reader', [rule(['get'], [''], ['secrets'])]),
      ],
      [rb('ci', 'c', 'Role', 'creator', [TEAM]), rb('ci', 'r', 'Role', 'reader', [TEAM])],
    );
    expect(f.filter((x) => x.object?.name === 'c').map((x) => `${x.id}:${x.severity}`)).toContain(
      'rbac.escalation:high',
    );
  });

  it('create alone reads no token back: no finding', () => {
    const f = review(
      [role('ci', 'r', [rule(['create'], [''], ['secrets'])])],
      [rb('ci', 'b', 'Role', 'r', [TEAM])],
    );
    expect(found(f)).toEqual([]);
  });

  it('where no ServiceAccount holds more than the namespace, it stays a low secrets read', () => {
    const f = review(
      [role('web', 'r', [rule(['create', 'get'], [''], ['secrets'])])],
      [rb('web', 'b', 'Role', 'r', [TEAM])],
    );
    expect(found(f)).toEqual(['rbac.secrets-read:low']);
  });
});
