// Creating pods in a namespace runs them as any ServiceAccount there, so it gives that
// ServiceAccount's API rights: with a cluster-admin ServiceAccount in the namespace it is a path
// to cluster-admin, not "low: may read Secrets of the namespace".
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

describe('workload creation in a namespace whose ServiceAccount is cluster-admin', () => {
  // https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation :
  // "granting permission to create workloads also implicitly grants the API access levels of any
  // service account in that namespace" (the RBAC page says the same of `edit`).
  it.fails(
    'is reported as escalation (the ServiceAccount rights), not only as a low Secrets read',
    () => {
      const review = checkRbac(
        facts({
          clusterRoles: [
            CLUSTER_ADMIN,
            clusterRole('pod-maker', [rule(['create'], [''], ['pods'])]),
          ],
          clusterRoleBindings: [crb('deployer-admin', 'cluster-admin', [sa('ops', 'deployer')])],
          roleBindings: [rb('ops', 'team-pods', 'ClusterRole', 'pod-maker', [TEAM])],
        }),
      );
      const team = review.findings.filter((f) => f.object?.name === 'team-pods');
      expect(team.map((f) => f.id)).toContain('rbac.escalation');
    },
  );
});
