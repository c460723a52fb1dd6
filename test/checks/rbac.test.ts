import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { platformReason } from '../../src/checks/rbac/platform.js';
import { reachOf } from '../../src/checks/rbac/rules.js';
import { classifyUser } from '../../src/checks/rbac/subjects.js';
import type { BindingObject, RbacFacts, RoleObject, Subject } from '../../src/checks/rbac/types.js';
import { replaceCandidates } from '../../src/steps/rbac/candidates.js';
import { planReplacement } from '../../src/steps/rbac/plan.js';

const G = 'rbac.authorization.k8s.io';
const user = (name: string): Subject => ({ apiGroup: G, kind: 'User', name });
const group = (name: string): Subject => ({ apiGroup: G, kind: 'Group', name });
const BOOT = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AKS = { 'addonmanager.kubernetes.io/mode': 'Reconcile' };

function crb(
  name: string,
  role: string,
  subjects: Subject[],
  labels?: Record<string, string>,
): BindingObject {
  return {
    metadata: { name, ...(labels ? { labels } : {}) },
    roleRef: { apiGroup: G, kind: 'ClusterRole', name: role },
    subjects,
  };
}
function rb(
  ns: string,
  name: string,
  kind: string,
  role: string,
  subjects: Subject[],
): BindingObject {
  return {
    metadata: { name, namespace: ns },
    roleRef: { apiGroup: G, kind, name: role },
    subjects,
  };
}
const clusterAdmin: RoleObject = {
  metadata: { name: 'cluster-admin', labels: BOOT },
  rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
};

function facts(p: Partial<RbacFacts>): RbacFacts {
  return {
    roleBindings: [],
    clusterRoleBindings: [],
    roles: [],
    clusterRoles: [clusterAdmin],
    forbidden: [],
    ...p,
  };
}
const ids = (f: RbacFacts) =>
  checkRbac(f).findings.map((x) => `${x.id}:${x.severity}:${x.object?.name ?? '-'}`);

describe('rbac checks', () => {
  it('classifies Entra user names: UPN, guest #EXT#, object id, other', () => {
    expect(classifyUser('alice@contoso.com')).toBe('upn');
    expect(classifyUser('bob_fabrikam.com#EXT#@contoso.onmicrosoft.com')).toBe('guest');
    expect(classifyUser('0B7E9A52-41C3-4D8E-9F6A-2C1D3E4F5A6B')).toBe('object-id');
    expect(classifyUser('clusterAdmin')).toBe('other');
  });

  it('a user bound to cluster-admin: user-subject and cluster-admin, nothing more', () => {
    expect(
      ids(
        facts({
          clusterRoleBindings: [crb('jordan', 'cluster-admin', [user('jordan@contoso.com')])],
        }),
      ),
    ).toEqual(['rbac.user-subject:medium:jordan', 'rbac.cluster-admin:high:jordan']);
  });

  it('names the subject each finding is about, so the screen can group by subject', () => {
    const review = checkRbac(
      facts({
        clusterRoleBindings: [
          crb('ops', 'cluster-admin', [user('jordan@contoso.com'), group('ops-group')]),
        ],
        roleBindings: [
          rb('shop', 'sa', 'ClusterRole', 'cluster-admin', [
            { kind: 'ServiceAccount', name: 'default', namespace: 'shop' },
          ]),
        ],
      }),
    );
    expect(review.findings.map((f) => `${f.id} ${f.subject}`)).toEqual([
      'rbac.user-subject User jordan@contoso.com',
      'rbac.cluster-admin User jordan@contoso.com, Group ops-group',
      'rbac.default-service-account ServiceAccount shop/default',
      'rbac.cluster-admin ServiceAccount shop/default',
    ]);
  });

  it('excludes built-ins and AKS bindings by name plus label, never by label alone', () => {
    const sneaky = crb('team-admins', 'cluster-admin', [user('eve@contoso.com')], {
      ...BOOT,
      ...AKS,
    });
    const f = facts({
      clusterRoleBindings: [
        crb('cluster-admin', 'cluster-admin', [group('system:masters')], BOOT),
        crb('aks-cluster-admin-binding', 'cluster-admin', [user('clusterAdmin')], AKS),
        crb(
          'aks-cluster-admin-binding-aad',
          'cluster-admin',
          [group('6f1c2a4e-3b5d-4c7e-9f80-1a2b3c4d5e6f')],
          AKS,
        ),
        crb('system:kube-proxy-extra', 'system:node-proxier', [user('system:kube-proxy')]),
        sneaky,
      ],
    });
    const review = checkRbac(f);
    expect(review.excluded.map((e) => e.binding)).toEqual([
      'ClusterRoleBinding/cluster-admin',
      'ClusterRoleBinding/aks-cluster-admin-binding',
      'ClusterRoleBinding/aks-cluster-admin-binding-aad',
      'ClusterRoleBinding/system:kube-proxy-extra',
    ]);
    expect(ids(f)).toEqual([
      'rbac.aks-admin-group:info:aks-cluster-admin-binding-aad',
      'rbac.user-subject:medium:team-admins',
      'rbac.cluster-admin:high:team-admins',
    ]);
    // A system: name does not hide a grant to everyone.
    const open = crb('system:open', 'view', [group('system:authenticated')]);
    expect(
      platformReason({ kind: 'ClusterRoleBinding', name: 'system:open', object: open }),
    ).toBeUndefined();
  });

  it('grants to anonymous or all authenticated callers are high', () => {
    const view: RoleObject = {
      metadata: { name: 'view' },
      rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }],
    };
    expect(
      ids(
        facts({
          clusterRoles: [view],
          clusterRoleBindings: [
            crb('everyone', 'view', [
              group('system:authenticated'),
              { kind: 'User', name: 'system:anonymous' },
            ]),
          ],
        }),
      ),
    ).toEqual(['rbac.anonymous:high:everyone']);
  });

  it('reads the materialised rules of aggregated ClusterRoles and flags custom roles that aggregate', () => {
    const edit: RoleObject = {
      metadata: { name: 'edit', labels: BOOT },
      aggregationRule: {
        clusterRoleSelectors: [
          { matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } },
        ],
      },
      rules: [
        { verbs: ['get', 'list'], apiGroups: [''], resources: ['secrets'] },
        { verbs: ['create'], apiGroups: [''], resources: ['pods/exec'] },
      ],
    };
    const custom: RoleObject = {
      metadata: {
        name: 'extra',
        labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' },
      },
      rules: [{ verbs: ['*'], apiGroups: [''], resources: ['nodes'] }],
    };
    const f = facts({
      clusterRoles: [clusterAdmin, edit, custom],
      roleBindings: [
        rb('shop', 'devs', 'ClusterRole', 'edit', [group('0b7e9a52-41c3-4d8e-9f6a-2c1d3e4f5a6b')]),
      ],
    });
    expect(ids(f)).toEqual([
      'rbac.escalation:medium:devs',
      'rbac.secrets-read:low:devs',
      'rbac.aggregated-role:medium:extra',
    ]);
  });

  it('wildcards, escalation verbs, cluster-wide secret reads, default ServiceAccount, missing role', () => {
    const ops: RoleObject = {
      metadata: { name: 'ops' },
      rules: [
        { verbs: ['*'], apiGroups: ['apps'], resources: ['deployments'] },
        { verbs: ['impersonate'], apiGroups: [''], resources: ['users'] },
        { verbs: ['bind'], apiGroups: [G], resources: ['clusterroles'] },
        { verbs: ['watch'], apiGroups: [''], resources: ['secrets'] },
        { verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['only-this'] },
      ],
    };
    const sa: Subject = { kind: 'ServiceAccount', name: 'default', namespace: 'shop' };
    const f = facts({
      clusterRoles: [clusterAdmin, ops],
      clusterRoleBindings: [crb('ops', 'ops', [sa])],
      roleBindings: [rb('shop', 'ghost', 'Role', 'gone', [group('g')])],
    });
    expect(ids(f)).toEqual([
      'rbac.default-service-account:medium:ops',
      'rbac.wildcard:medium:ops',
      'rbac.escalation:high:ops',
      'rbac.secrets-read:high:ops',
      'rbac.missing-role:low:ghost',
    ]);
    expect(reachOf(ops.rules!).escalations).toEqual(['bind roles', 'impersonate']);
  });

  it('a refused list is a finding, not a pass', () => {
    expect(ids(facts({ forbidden: ['clusterrolebindings'] }))).toEqual(['rbac.forbidden:medium:-']);
  });
});

describe('replacement plan', () => {
  const f = facts({
    clusterRoleBindings: [
      crb('jordan', 'cluster-admin', [user('jordan@contoso.com')]),
      crb('jordan-group', 'view', [group('x')]),
    ],
    roleBindings: [
      rb('shop', 'pair', 'ClusterRole', 'edit', [user('a@contoso.com'), user('b@contoso.com')]),
    ],
  });

  it('keeps the roleRef, picks a free name, labels the new binding, deletes a binding left empty', () => {
    const [jordan] = replaceCandidates(f);
    const plan = planReplacement(f, jordan!, '6f1c2a4e-3b5d-4c7e-9f80-1a2b3c4d5e6f');
    expect(jordan!.adminLevel).toBe(true);
    expect(plan.createdAt.name).toBe('jordan-group-2');
    expect(plan.created.roleRef).toEqual(jordan!.binding.object.roleRef);
    expect(plan.created.subjects).toEqual([group('6f1c2a4e-3b5d-4c7e-9f80-1a2b3c4d5e6f')]);
    expect(plan.created.metadata?.labels).toEqual({
      'app.kubernetes.io/managed-by': 'aks-runbook',
    });
    expect(plan.oldAfter).toBeUndefined();
  });

  it('removes only the chosen user from a binding with other subjects', () => {
    const a = replaceCandidates(f).find((c) => c.user === 'a@contoso.com')!;
    const plan = planReplacement(f, a, '6f1c2a4e-3b5d-4c7e-9f80-1a2b3c4d5e6f');
    expect(a.adminLevel).toBe(false);
    expect(plan.created.metadata).toMatchObject({ name: 'pair-group', namespace: 'shop' });
    expect(plan.oldAfter?.subjects).toEqual([user('b@contoso.com')]);
  });
});
