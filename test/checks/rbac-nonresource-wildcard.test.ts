// `*` in the verbs or the nonResourceURLs of a rule is a wildcard as much as on resources: it
// grants every verb on those paths, or every path (those added later included).
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { clusterRole, crb, facts, group, rb, urls } from './rbac-fixtures.js';
import type { PolicyRule } from '../../src/model/rbac.js';

const TEAM = group('0b0c8a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c');

function wildcardOf(rule: PolicyRule, binding: 'cluster' | 'namespace' = 'cluster') {
  const review = checkRbac(
    facts({
      clusterRoles: [clusterRole('paths', [rule])],
      ...(binding === 'cluster'
        ? { clusterRoleBindings: [crb('team-paths', 'paths', [TEAM])] }
        : { roleBindings: [rb('shop', 'team-paths', 'ClusterRole', 'paths', [TEAM])] }),
    }),
  );
  return review.findings.find((f) => f.object?.name === 'team-paths' && f.id === 'rbac.wildcard');
}

describe('rbac: wildcards on non-resource URLs', () => {
  // RBAC good practices, "Least privilege" (https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege):
  // avoid wildcard permissions; RBAC, "Referring to resources" / nonResourceURLs: a trailing `*`
  // matches every path (/logs/*, /debug/*, /metrics, ...), and `*` in verbs every verb on them.
  it('reports `*` verbs on `*` nonResourceURLs bound cluster-wide as rbac.wildcard', () => {
    const found = wildcardOf(urls(['*'], ['*']));
    expect(found?.severity).toBe('medium');
    expect(found?.message).toContain('every verb on every non-resource URL');
  });

  it('reports one verb on every URL (`*` or `/*`)', () => {
    expect(wildcardOf(urls(['get'], ['*']))?.message).toContain('get on every non-resource URL');
    expect(wildcardOf(urls(['get'], ['/*']))?.message).toContain('get on every non-resource URL');
  });

  it('reports every verb on one URL', () => {
    expect(wildcardOf(urls(['*'], ['/metrics']))?.message).toContain(
      'every verb on non-resource URL /metrics',
    );
  });

  it('leaves named verbs on named paths alone, and a prefix path is no whole wildcard', () => {
    expect(wildcardOf(urls(['get'], ['/metrics', '/healthz']))).toBeUndefined();
    expect(wildcardOf(urls(['get'], ['/logs/*']))).toBeUndefined();
  });

  it('says nothing for a RoleBinding, which never grants non-resource URLs', () => {
    expect(wildcardOf(urls(['*'], ['*']), 'namespace')).toBeUndefined();
  });
});
