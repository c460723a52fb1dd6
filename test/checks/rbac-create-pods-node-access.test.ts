// A group that may create pods in a namespace not known to enforce the Baseline or Restricted Pod
// Security Standard (label pod-security.kubernetes.io/enforce; AKS enforces neither by default) can
// run a privileged or hostPID/hostPath pod and take the node: every pod's token on it and the
// kubelet's credentials. At least medium, naming node access; only a read baseline or restricted
// label spares it, and an unread label does not.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import type { Severity } from '../../src/model/finding.js';
import { clusterRole, crb, facts, group, rb, rule } from './rbac-fixtures.js';

const TEAM = group('0b0c8a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c');
const RANK: Severity[] = ['info', 'low', 'medium', 'high'];

describe('create pods in a namespace whose Pod Security level is not known', () => {
  // kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation: "Users who can
  // run privileged Pods can use that access to gain node access and potentially to further
  // elevate their privileges. Where you do not fully trust a user ... you should enforce either
  // the Baseline or Restricted Pod Security Standard."
  it('is reported at least medium, naming node access', () => {
    const review = checkRbac(
      facts({
        clusterRoles: [
          clusterRole('pod-runner', [rule(['create', 'get', 'list'], [''], ['pods'])]),
        ],
        roleBindings: [rb('dev', 'runners', 'ClusterRole', 'pod-runner', [TEAM])],
      }),
    );
    const onBinding = review.findings.filter((f) => f.object?.name === 'runners');
    const worst = Math.max(...onBinding.map((f) => RANK.indexOf(f.severity)), -1);
    expect(worst).toBeGreaterThanOrEqual(RANK.indexOf('medium'));
    expect(onBinding.map((f) => f.message).join(' ')).toMatch(/node/i);
  });

  const onRunners = (
    rules: ReturnType<typeof rule>[],
    podSecurityEnforce?: Record<string, string>,
    cluster = false,
  ) =>
    checkRbac(
      facts({
        clusterRoles: [clusterRole('pod-runner', rules)],
        ...(cluster
          ? { clusterRoleBindings: [crb('runners', 'pod-runner', [TEAM])] }
          : { roleBindings: [rb('dev', 'runners', 'ClusterRole', 'pod-runner', [TEAM])] }),
        ...(podSecurityEnforce ? { podSecurityEnforce } : {}),
      }),
    )
      .findings.filter((f) => f.object?.name === 'runners')
      .map((f) => `${f.id}:${f.severity}${/node access/.test(f.message) ? ':node' : ''}`)
      .sort();
  const create = [rule(['create'], [''], ['pods'])];

  it('baseline or restricted enforced on the namespace: only the indirect Secrets read', () => {
    for (const level of ['baseline', 'restricted'])
      expect(onRunners(create, { dev: level })).toEqual(['rbac.secrets-read:low']);
  });

  it('privileged, no label, another namespace labelled, or labels unread: node access, medium', () => {
    const cases: (Record<string, string> | undefined)[] = [
      { dev: 'privileged' },
      {},
      { prod: 'restricted' },
      undefined,
    ];
    for (const labels of cases)
      expect(onRunners(create, labels)).toEqual([
        'rbac.escalation:medium:node',
        'rbac.secrets-read:low',
      ]);
  });

  it('creating a workload that makes pods is node access as well', () => {
    expect(onRunners([rule(['create'], ['apps'], ['deployments'])])).toContain(
      'rbac.escalation:medium:node',
    );
  });

  it('patching existing pods (their spec cannot turn privileged) is not node access', () => {
    expect(onRunners([rule(['patch'], [''], ['pods'])])).toEqual(['rbac.secrets-read:low']);
  });

  it('cluster-wide pod creation is high, node access included', () => {
    expect(onRunners(create, { dev: 'restricted' }, true)).toEqual([
      'rbac.escalation:high:node',
      'rbac.secrets-read:high',
    ]);
  });
});
