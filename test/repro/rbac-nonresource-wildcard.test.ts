// Repro: a ClusterRole granting every verb on every non-resource URL (`verbs: ['*'],
// nonResourceURLs: ['*']`), bound cluster-wide to a group, gives no finding at all: neither
// rbac.wildcard ("`*` in verbs or resources", README) nor anything else.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { clusterRole, crb, facts, group, urls } from '../checks/rbac-fixtures.js';

const TEAM = group('0b0c8a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c');

describe('rbac: wildcards on non-resource URLs', () => {
  // RBAC good practices, "Least privilege" (https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege):
  // avoid wildcard permissions; RBAC, "Referring to resources" / nonResourceURLs: a trailing `*`
  // matches every path (/logs/*, /debug/*, /metrics, ...), and `*` in verbs every verb on them.
  it.fails('reports `*` verbs on `*` nonResourceURLs bound cluster-wide as rbac.wildcard', () => {
    const review = checkRbac(
      facts({
        clusterRoles: [clusterRole('all-paths', [urls(['*'], ['*'])])],
        clusterRoleBindings: [crb('team-all-paths', 'all-paths', [TEAM])],
      }),
    );
    const ids = review.findings.filter((f) => f.object?.name === 'team-all-paths').map((f) => f.id);
    expect(ids).toContain('rbac.wildcard');
  });
});
