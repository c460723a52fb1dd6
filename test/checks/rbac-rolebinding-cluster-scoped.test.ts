// A RoleBinding grants a ClusterRole's rules inside its namespace only, so rules on cluster-scoped
// kinds (nodes, persistentvolumes, storageclasses) and non-resource URLs give nothing through it:
// a request for them never carries a namespace.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { RbacEvaluator } from '../../src/checks/rbac/evaluator.js';
import { clusterRole, crb, facts, group, rb, rule, urls } from './rbac-fixtures.js';
import type { PolicyRule } from '../../src/model/rbac.js';

const TEAM = group('0b0c8a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c');
const RBAC = 'rbac.authorization.k8s.io';

/** The findings of binding a ClusterRole of `rules` to TEAM, in shop or cluster-wide. */
function findingsOf(rules: PolicyRule[], cluster = false) {
  return checkRbac(
    facts({
      clusterRoles: [clusterRole('r', rules)],
      ...(cluster
        ? { clusterRoleBindings: [crb('b', 'r', [TEAM])] }
        : { roleBindings: [rb('shop', 'b', 'ClusterRole', 'r', [TEAM])] }),
    }),
  ).findings.map((f) => `${f.id}:${f.severity}`);
}

describe('system:authenticated in a RoleBinding to a ClusterRole of cluster-scoped kinds only', () => {
  // https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding :
  // a RoleBinding "grants permissions within a specific namespace"; access to cluster-scoped
  // resources (like nodes) needs a ClusterRole bound by a ClusterRoleBinding.
  it('is not high "anyone gets the role\'s rights": the binding grants nothing', () => {
    const review = checkRbac(
      facts({
        clusterRoles: [
          clusterRole('node-reader', [
            rule(['get', 'list', 'watch'], [''], ['nodes', 'persistentvolumes']),
            rule(['get', 'list'], ['storage.k8s.io'], ['storageclasses']),
            urls(['get'], ['/metrics']),
          ]),
        ],
        roleBindings: [
          rb('shop', 'everyone-nodes', 'ClusterRole', 'node-reader', [
            group('system:authenticated'),
          ]),
        ],
      }),
    );
    const anonymous = review.findings.filter((f) => f.id === 'rbac.anonymous');
    expect(anonymous.map((f) => f.severity)).toEqual(['medium']);
    expect(anonymous[0]?.message).toMatch(/grants nothing there today/);
    expect(anonymous.map((f) => f.message).join(' ')).not.toMatch(/get nodes in shop/);
  });
});

describe('the rights a RoleBinding of a ClusterRole gives', () => {
  const evaluator = new RbacEvaluator(
    facts({
      clusterRoles: [
        clusterRole('all', [
          rule(['*'], ['*'], ['*']),
          urls(['*'], ['*']),
          rule(['bind'], [RBAC], ['clusterroles'], ['view']),
        ]),
      ],
      roleBindings: [rb('shop', 'b', 'ClusterRole', 'all', [TEAM])],
    }),
  );
  const can = (verb: string, group: string, resource: string, name?: string) =>
    evaluator.can(
      { user: '', groups: [TEAM.name] },
      { verb, group, resource, namespace: 'shop', ...(name ? { name } : {}) },
    );

  it('are the namespaced resources of its namespace, never cluster-scoped ones or URLs', () => {
    expect(can('get', '', 'pods')).toBe(true);
    expect(can('get', '', 'nodes')).toBe(false);
    expect(can('create', '', 'persistentvolumes')).toBe(false);
    expect(can('create', 'admissionregistration.k8s.io', 'mutatingwebhookconfigurations')).toBe(
      false,
    );
    expect(can('get', RBAC, 'clusterroles')).toBe(false);
    expect(
      evaluator.can({ user: '', groups: [TEAM.name] }, { verb: 'get', path: '/metrics' }),
    ).toBe(false);
    // An unknown kind (a CRD) is not taken for cluster-scoped.
    expect(can('delete', 'example.com', 'widgets')).toBe(true);
  });

  // `/api/v1/namespaces/shop` carries namespace shop; bind on a ClusterRole is asked in the
  // RoleBinding's namespace (RBAC, "Restrictions on role binding creation or update").
  it('include its own Namespace object and bind on ClusterRoles there', () => {
    expect(can('patch', '', 'namespaces')).toBe(true);
    expect(can('patch', '', 'namespaces', 'shop')).toBe(true);
    expect(can('list', '', 'namespaces')).toBe(false);
    expect(can('patch', '', 'namespaces', 'kube-system')).toBe(false);
    expect(can('bind', RBAC, 'clusterroles', 'view')).toBe(true);
  });
});

describe('dangerous rights on cluster-scoped kinds', () => {
  const clusterOnly = [
    rule(['create'], [''], ['persistentvolumes']),
    rule(['get'], [''], ['nodes/proxy']),
    rule(['impersonate'], [''], ['users', 'groups']),
    rule(['create'], ['admissionregistration.k8s.io'], ['validatingwebhookconfigurations']),
  ];

  it('are escalation cluster-wide, and nothing through a RoleBinding', () => {
    expect(findingsOf(clusterOnly, true)).toContain('rbac.escalation:high');
    expect(findingsOf(clusterOnly)).toEqual([]);
  });

  it('give no wildcard through a RoleBinding; an unknown kind still does', () => {
    expect(findingsOf([rule(['*'], [''], ['nodes'])])).toEqual([]);
    expect(findingsOf([rule(['*'], ['example.com'], ['widgets'])])).toEqual(['rbac.wildcard:low']);
  });

  it('are not "writes included" for every ServiceAccount through a RoleBinding', () => {
    const review = checkRbac(
      facts({
        clusterRoles: [clusterRole('r', [rule(['create', 'delete'], [''], ['nodes'])])],
        roleBindings: [rb('shop', 'b', 'ClusterRole', 'r', [group('system:serviceaccounts')])],
      }),
    );
    const every = review.findings.filter((f) => f.id === 'rbac.all-service-accounts');
    expect(every.map((f) => f.severity)).toEqual(['low']);
  });
});
