// Repro: exec (or an ephemeral debug container) into the pods of a namespace whose ServiceAccount
// is cluster-admin is rated medium by the binding's reach, while patching a pod there (which, like
// exec, reaches only the ServiceAccount of a pod already running) is high, "can run as
// ServiceAccount ci/deployer". A shell in a pod reads its mounted token at
// /var/run/secrets/kubernetes.io/serviceaccount/token, and an ephemeral container may mount that
// same volume: both hold the pod's ServiceAccount rights, cluster-admin here.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import {
  CLUSTER_ADMIN,
  clusterRole,
  crb,
  facts,
  group,
  rb,
  rule,
  sa,
} from '../checks/rbac-fixtures.js';

const TEAM = group('0b0c8a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c');

function review(rules: ReturnType<typeof rule>[]) {
  return checkRbac(
    facts({
      clusterRoles: [CLUSTER_ADMIN, clusterRole('pod-access', rules)],
      clusterRoleBindings: [crb('ci-deployer-admin', 'cluster-admin', [sa('ci', 'deployer')])],
      roleBindings: [rb('ci', 'pod-access', 'ClusterRole', 'pod-access', [TEAM])],
    }),
  ).findings.filter((f) => f.object?.name === 'pod-access' && f.id === 'rbac.escalation');
}

describe('reaching the pods of a namespace whose ServiceAccount is cluster-admin', () => {
  // kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/ (the token is
  // mounted into the pod's containers) and kubernetes.io/docs/concepts/security/rbac-good-practices/
  // ("Workload creation": access to a namespace's pods is the API access of its ServiceAccounts).
  it('patching a pod there is high (the tool says so today)', () => {
    expect(review([rule(['patch'], [''], ['pods'])]).map((f) => f.severity)).toEqual(['high']);
  });

  it.fails('exec into pods there is high as well, naming the ServiceAccount', () => {
    const found = review([rule(['create'], [''], ['pods/exec'])]);
    expect(found.map((f) => f.severity)).toEqual(['high']);
    expect(found[0]?.message).toMatch(/ci\/deployer/);
  });

  it.fails('an ephemeral container there is high as well, naming the ServiceAccount', () => {
    const found = review([rule(['patch'], [''], ['pods/ephemeralcontainers'])]);
    expect(found.map((f) => f.severity)).toEqual(['high']);
    expect(found[0]?.message).toMatch(/ci\/deployer/);
  });
});
