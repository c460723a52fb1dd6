// Exec, attach or an ephemeral debug container in the pods of a namespace reaches their mounted
// ServiceAccount tokens (/var/run/secrets/kubernetes.io/serviceaccount/token; an ephemeral
// container may mount that volume): as strong as patching a pod there, rated by the strongest
// ServiceAccount of the namespace. Port-forward reaches ports only, not the token.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { CLUSTER_ADMIN, clusterRole, crb, facts, group, rb, rule, sa } from './rbac-fixtures.js';

const TEAM = group('0b0c8a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c');

function review(rules: ReturnType<typeof rule>[], powerful = true, version?: string) {
  return checkRbac(
    facts({
      clusterRoles: [CLUSTER_ADMIN, clusterRole('pod-access', rules)],
      clusterRoleBindings: powerful
        ? [crb('ci-deployer-admin', 'cluster-admin', [sa('ci', 'deployer')])]
        : [],
      roleBindings: [rb('ci', 'pod-access', 'ClusterRole', 'pod-access', [TEAM])],
      ...(version ? { cluster: { kubernetesVersion: version } } : {}),
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

  it('exec into pods there is high as well, naming the ServiceAccount', () => {
    const found = review([rule(['create'], [''], ['pods/exec'])]);
    expect(found.map((f) => f.severity)).toEqual(['high']);
    expect(found[0]?.message).toMatch(/ci\/deployer/);
  });

  it('an ephemeral container there is high as well, naming the ServiceAccount', () => {
    const found = review([rule(['patch'], [''], ['pods/ephemeralcontainers'])]);
    expect(found.map((f) => f.severity)).toEqual(['high']);
    expect(found[0]?.message).toMatch(/ci\/deployer/);
  });

  it('attach, and exec limited to one named pod, are high as well', () => {
    for (const rules of [
      [rule(['create'], [''], ['pods/attach'])],
      [rule(['create'], [''], ['pods/exec'], ['web-0'])],
      [rule(['update'], [''], ['pods/ephemeralcontainers'])],
    ]) {
      const found = review(rules);
      expect(found.map((f) => f.severity)).toEqual(['high']);
      expect(found[0]?.message).toContain('ServiceAccount ci/deployer');
    }
  });

  it('get on pods/exec opens it over WebSocket before 1.35: high there, nothing from 1.35', () => {
    const get = [rule(['get'], [''], ['pods/exec'])];
    expect(review(get, true, '1.34.2').map((f) => f.severity)).toEqual(['high']);
    expect(review(get, true, '1.35.0')).toEqual([]);
  });

  it('port-forward reaches no token: medium, naming no ServiceAccount', () => {
    const found = review([rule(['create'], [''], ['pods/portforward'])]);
    expect(found.map((f) => f.severity)).toEqual(['medium']);
    expect(found[0]?.message).not.toContain('ci/deployer');
  });

  it('with no ServiceAccount stronger than the namespace, exec stays medium', () => {
    const found = review([rule(['create'], [''], ['pods/exec'])], false);
    expect(found.map((f) => f.severity)).toEqual(['medium']);
    expect(found[0]?.message).toContain('run commands in pods (exec or attach)');
    expect(found[0]?.message).not.toContain('can run as ServiceAccount');
  });
});
