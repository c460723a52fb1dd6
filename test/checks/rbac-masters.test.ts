// Bindings that name the group system:masters: a high finding, except Kubernetes' own
// cluster-admin ClusterRoleBinding. Hand-written facts, one row per case.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import type { RbacFacts } from '../../src/checks/rbac/types.js';
import {
  AKS_LABEL,
  BOOT,
  clusterRole,
  crb,
  facts,
  group,
  rb,
  role,
  rule,
  user,
} from './rbac-fixtures.js';

const masters = group('system:masters');

interface Row {
  name: string;
  facts: RbacFacts;
  /** Sorted `id:severity:object-name` of every finding. */
  findings: string[];
  excluded?: string[];
}

const rows: Row[] = [
  {
    name: 'the built-in cluster-admin binding stays exempt',
    facts: facts({ clusterRoleBindings: [crb('cluster-admin', 'cluster-admin', [masters], BOOT)] }),
    findings: [],
    excluded: ['ClusterRoleBinding/cluster-admin'],
  },
  {
    name: 'the built-in binding edited to add a user: the user is judged, system:masters is not',
    facts: facts({
      clusterRoleBindings: [
        crb('cluster-admin', 'cluster-admin', [masters, user('bob@contoso.com')], BOOT),
      ],
    }),
    findings: ['rbac.cluster-admin:high:cluster-admin', 'rbac.user-subject:medium:cluster-admin'],
  },
  {
    name: 'a binding named cluster-admin without the bootstrap label is not the built-in one',
    facts: facts({ clusterRoleBindings: [crb('cluster-admin', 'cluster-admin', [masters])] }),
    findings: ['rbac.masters:high:cluster-admin'],
  },
  {
    name: 'the bootstrap label on another binding to cluster-admin does not exempt it',
    facts: facts({ clusterRoleBindings: [crb('break-glass', 'cluster-admin', [masters], BOOT)] }),
    findings: ['rbac.masters:high:break-glass'],
  },
  {
    name: 'a custom ClusterRoleBinding of a harmless role to system:masters',
    facts: facts({ clusterRoleBindings: [crb('masters-view', 'view', [masters])] }),
    findings: ['rbac.masters:high:masters-view'],
  },
  {
    name: 'a RoleBinding in one namespace to system:masters',
    facts: facts({
      roles: [role('shop', 'reader', [rule(['get'], [''], ['configmaps'])])],
      roleBindings: [rb('shop', 'ops', 'Role', 'reader', [masters])],
    }),
    findings: ['rbac.masters:high:ops'],
  },
  {
    name: 'a binding to a role that does not exist still names system:masters',
    facts: facts({ clusterRoleBindings: [crb('ghost', 'nothing-here', [masters])] }),
    findings: ['rbac.masters:high:ghost'],
  },
  {
    name: 'system:masters beside another group: both judged',
    facts: facts({
      clusterRoles: [clusterRole('secret-reader', [rule(['get', 'list'], [''], ['secrets'])])],
      clusterRoleBindings: [crb('readers', 'secret-reader', [masters, group('sre')])],
    }),
    findings: ['rbac.masters:high:readers', 'rbac.secrets-read:high:readers'],
  },
  {
    name: 'an AKS label does not exempt a binding naming system:masters',
    facts: facts({ clusterRoleBindings: [crb('aks-masters', 'view', [masters], AKS_LABEL)] }),
    findings: ['rbac.aks-label-mismatch:info:aks-masters', 'rbac.masters:high:aks-masters'],
  },
  {
    name: 'a user named system:masters is not the group',
    facts: facts({ clusterRoleBindings: [crb('odd', 'cluster-admin', [user('system:masters')])] }),
    // No Kubernetes user has that name, so it is an identity bound directly as well.
    findings: ['rbac.cluster-admin:high:odd', 'rbac.user-subject:medium:odd'],
  },
];

describe('bindings naming system:masters', () => {
  it.each(rows)('$name', (row) => {
    const review = checkRbac(row.facts);
    const got = review.findings.map((f) => `${f.id}:${f.severity}:${f.object?.name ?? ''}`).sort();
    expect(got).toEqual(row.findings);
    if (row.excluded) expect(review.excluded.map((e) => e.binding)).toEqual(row.excluded);
  });

  it('says the fix is who holds system:masters credentials, not the binding’s rights', () => {
    const review = checkRbac(facts({ clusterRoleBindings: [crb('m', 'view', [masters])] }));
    const f = review.findings.find((x) => x.id === 'rbac.masters')!;
    expect(f.message).toMatch(/adds no rights/);
    expect(f.remediation).toMatch(/disable local accounts/);
    expect(f.remediation).toMatch(/Entra ID/);
    expect(f.subject).toBe('Group system:masters');
  });
});
