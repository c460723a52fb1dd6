// Creating pods in a namespace runs them as any ServiceAccount there, so it gives that
// ServiceAccount's API rights: with a cluster-admin ServiceAccount in the namespace it is a path
// to cluster-admin, not "low: may read Secrets of the namespace".
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { CLUSTER_ADMIN, clusterRole, crb, facts, group, rb, rule, sa } from './rbac-fixtures.js';

const TEAM = group('0b0c8a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c');

describe('workload creation in a namespace whose ServiceAccount is cluster-admin', () => {
  // https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation :
  // "granting permission to create workloads also implicitly grants the API access levels of any
  // service account in that namespace" (the RBAC page says the same of `edit`).
  it('is reported as escalation (the ServiceAccount rights), not only as a low Secrets read', () => {
    const review = checkRbac(
      facts({
        clusterRoles: [CLUSTER_ADMIN, clusterRole('pod-maker', [rule(['create'], [''], ['pods'])])],
        clusterRoleBindings: [crb('deployer-admin', 'cluster-admin', [sa('ops', 'deployer')])],
        roleBindings: [rb('ops', 'team-pods', 'ClusterRole', 'pod-maker', [TEAM])],
      }),
    );
    const team = review.findings.filter((f) => f.object?.name === 'team-pods');
    expect(team.map((f) => f.id)).toContain('rbac.escalation');
  });

  const podMaker = clusterRole('pod-maker', [rule(['create'], [''], ['pods'])]);
  const team = (extra: Parameters<typeof facts>[0]) => {
    const review = checkRbac(
      facts({
        ...extra,
        clusterRoles: [CLUSTER_ADMIN, podMaker, ...(extra.clusterRoles ?? [])],
        roleBindings: [
          rb('ops', 'team-pods', 'ClusterRole', 'pod-maker', [TEAM]),
          ...(extra.roleBindings ?? []),
        ],
      }),
    );
    return review.findings.filter((f) => f.object?.name === 'team-pods');
  };

  it('names the ServiceAccount and what it has, rated by it (high)', () => {
    const esc = team({
      clusterRoleBindings: [crb('deployer-admin', 'cluster-admin', [sa('ops', 'deployer')])],
    }).find((f) => f.id === 'rbac.escalation');
    expect(esc?.severity).toBe('high');
    expect(esc?.message).toContain(
      'can run as ServiceAccount ops/deployer, which has full control across the whole cluster (ClusterRoleBinding/deployer-admin)',
    );
  });

  it('reaches every account of the namespace through its group (default included)', () => {
    const esc = team({
      clusterRoleBindings: [
        crb('ops-admin', 'cluster-admin', [group('system:serviceaccounts:ops')]),
      ],
    }).find((f) => f.id === 'rbac.escalation');
    expect(esc?.severity).toBe('high');
    expect(esc?.message).toContain('ServiceAccount ops/default');
  });

  it('is medium when the ServiceAccount holds a namespace-wide escalation elsewhere', () => {
    const esc = team({
      clusterRoles: [clusterRole('exec', [rule(['create'], [''], ['pods/exec'])])],
      roleBindings: [rb('web', 'ci-exec', 'ClusterRole', 'exec', [sa('ops', 'ci')])],
    }).find((f) => f.id === 'rbac.escalation');
    expect(esc?.severity).toBe('medium');
    expect(esc?.message).toContain('ServiceAccount ops/ci, which can run commands in pods');
  });

  it('stays a low Secrets read when the accounts hold nothing more (or only in another namespace)', () => {
    for (const extra of [
      {},
      // Secrets of its own namespace are what the pod creator reads already.
      {
        clusterRoles: [clusterRole('secrets', [rule(['get'], [''], ['secrets'])])],
        roleBindings: [rb('ops', 'ci-secrets', 'ClusterRole', 'secrets', [sa('ops', 'ci')])],
      },
      // A powerful account of another namespace is not reached.
      { clusterRoleBindings: [crb('other-admin', 'cluster-admin', [sa('web', 'deployer')])] },
    ]) {
      // Pod Security baseline enforced there: no privileged pod, so no node access either.
      const found = team({ ...extra, podSecurityEnforce: { ops: 'baseline' } });
      expect(found.map((f) => [f.id, f.severity])).toEqual([['rbac.secrets-read', 'low']]);
    }
  });
});
