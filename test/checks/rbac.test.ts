import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { classifyUser } from '../../src/checks/rbac/subjects.js';
import type { RbacFacts } from '../../src/checks/rbac/types.js';
import type { BindingObject, RoleObject, Subject } from '../../src/model/rbac.js';
import { replaceCandidates } from '../../src/steps/rbac/candidates.js';
import { bindingDifference } from '../../src/steps/rbac/existing.js';
import { describePlan, planReplacement } from '../../src/steps/rbac/plan.js';
import { viewText } from '../../src/steps/contract/view.js';

const G = 'rbac.authorization.k8s.io';
const user = (name: string): Subject => ({ apiGroup: G, kind: 'User', name });
const group = (name: string): Subject => ({ apiGroup: G, kind: 'Group', name });
const BOOT = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };

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
      'rbac.cluster-admin User jordan@contoso.com',
      'rbac.cluster-admin Group ops-group',
      'rbac.default-service-account ServiceAccount shop/default',
      'rbac.cluster-admin ServiceAccount shop/default',
    ]);
  });

  it('says in the message who a broad group really is', () => {
    const [f] = checkRbac(
      facts({
        clusterRoleBindings: [crb('all', 'cluster-admin', [group('system:serviceaccounts')])],
      }),
    ).findings;
    expect(f!.message).toContain('every ServiceAccount in the cluster');
  });

  it('asks each finding its question of the evaluator: the confirmable request is one it allows', () => {
    const review = checkRbac(
      facts({
        clusterRoleBindings: [crb('jordan', 'cluster-admin', [user('jordan@contoso.com')])],
      }),
    );
    expect(review.confirmable.map((c) => [c.finding.id, c.ask.identity, c.ask.request])).toEqual([
      [
        'rbac.user-subject',
        { user: 'jordan@contoso.com', groups: [] },
        { verb: '*', group: '*', resource: '*', namespace: '' },
      ],
      [
        'rbac.cluster-admin',
        { user: 'jordan@contoso.com', groups: [] },
        { verb: '*', group: '*', resource: '*', namespace: '' },
      ],
    ]);
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

describe('replacement plan, run again', () => {
  const GUID = '6f1c2a4e-3b5d-4c7e-9f80-1a2b3c4d5e6f';
  const withOurs = (...extra: BindingObject[]) =>
    facts({
      clusterRoleBindings: [crb('jordan', 'cluster-admin', [user('jordan@contoso.com')]), ...extra],
    });

  it('adopts one of our names that already grants the role to the group, never a -2', () => {
    for (const name of ['jordan-group', 'jordan-group-3']) {
      const f = withOurs(crb(name, 'cluster-admin', [group(GUID)]));
      const plan = planReplacement(f, replaceCandidates(f)[0]!, GUID);
      expect([plan.createdAt.name, plan.adopted]).toEqual([name, true]);
      expect(viewText(describePlan(plan))).toMatch(/already in place, adopted, not created again/);
    }
  });

  it('does not adopt a binding with another role, another group, extra subjects or another name', () => {
    for (const other of [
      crb('jordan-group', 'view', [group(GUID)]),
      crb('jordan-group', 'cluster-admin', [group('x')]),
      crb('jordan-group', 'cluster-admin', [group(GUID), user('eve@contoso.com')]),
      crb('payments-admins', 'cluster-admin', [group(GUID)]),
      crb('jordan-group-x', 'cluster-admin', [group(GUID)]),
    ]) {
      const f = withOurs(other);
      const plan = planReplacement(f, replaceCandidates(f)[0]!, GUID);
      expect(plan.adopted).toBe(false);
      expect(plan.createdAt.name).toBe(
        other.metadata?.name === 'jordan-group' ? 'jordan-group-2' : 'jordan-group',
      );
    }
  });

  it('says what differs between the wanted binding and the one found', () => {
    const wanted = crb('b', 'edit', [group(GUID)]);
    expect(bindingDifference(wanted, crb('b', 'edit', [group(GUID)]))).toEqual([]);
    // RBAC matches group names exactly: the upper-case id is another group.
    expect(bindingDifference(wanted, crb('b', 'edit', [group(GUID.toUpperCase())]))).toEqual([
      `it does not name Group ${GUID}`,
      `it also names Group ${GUID.toUpperCase()}`,
    ]);
    expect(bindingDifference(wanted, crb('b', 'admin', [group('x'), user('u')]))).toEqual([
      'its role is ClusterRole admin, not ClusterRole edit',
      `it does not name Group ${GUID}`,
      'it also names Group x, User u',
    ]);
  });
});
