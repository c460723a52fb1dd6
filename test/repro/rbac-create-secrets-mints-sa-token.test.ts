// Repro: create and get on Secrets in a namespace is reported only as a low rbac.secrets-read,
// though it mints a token for any ServiceAccount of that namespace: a Secret of type
// kubernetes.io/service-account-token naming the account is filled in by the control plane's token
// controller, and reading it back gives that account's rights. With a cluster-admin ServiceAccount
// in the namespace, the group holds cluster-admin; creating pods there is reported high for that
// very reason (can run as the ServiceAccount), this path is not.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { CLUSTER_ADMIN, crb, facts, group, rb, role, rule, sa } from '../checks/rbac-fixtures.js';

const TEAM = group('0b0c8a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c');

describe('create + get Secrets where a ServiceAccount is cluster-admin', () => {
  // kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/ (Token controller:
  // "watches for ... Secret creation ... and adds a token to the Secret") and
  // kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#manually-create-an-api-token-for-a-serviceaccount;
  // rbac-good-practices "Token request": issuing tokens for existing ServiceAccounts escalates.
  it.fails('is reported high, as a path to the ServiceAccount ci/deployer', () => {
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
});
