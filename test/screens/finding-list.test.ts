import { describe, expect, it } from 'vitest';
import {
  groupFindings,
  matchesFilter,
  nextSort,
  severityCounts,
} from '../../screens/finding-list.js';
import type { Finding } from '../../src/model/finding.js';

const deploy = (name: string) => ({ kind: 'Deployment', namespace: 'shop', name });

const FINDINGS: Finding[] = [
  { id: 'containers.seccomp', severity: 'low', object: deploy('web'), message: 'no seccomp' },
  { id: 'containers.root', severity: 'medium', object: deploy('web'), message: 'runs as root' },
  { id: 'containers.privileged', severity: 'high', object: deploy('agent'), message: 'privileged' },
  { id: 'access.local-accounts', severity: 'medium', message: 'local accounts on' },
  {
    id: 'rbac.user-subject',
    severity: 'medium',
    object: { kind: 'ClusterRoleBinding', name: 'jordan' },
    subject: 'User jordan@contoso.com',
    message: 'bound directly',
  },
  {
    id: 'rbac.cluster-admin',
    severity: 'high',
    object: { kind: 'ClusterRoleBinding', name: 'jordan' },
    subject: 'User jordan@contoso.com',
    message: 'full control',
  },
];

const shape = (sort: Parameters<typeof groupFindings>[1], filter?: string) =>
  groupFindings(FINDINGS, sort, filter).map(
    (g) => `${g.label}: ${g.findings.map((f) => f.id).join(',')}`,
  );

describe('finding list (grouping, sorting, filtering)', () => {
  it('groups by subject when a finding names one, else by object, else under the cluster', () => {
    expect(shape('object')).toEqual([
      'cluster: access.local-accounts',
      'Deployment/shop/agent: containers.privileged',
      'Deployment/shop/web: containers.root,containers.seccomp',
      'User jordan@contoso.com: rbac.cluster-admin,rbac.user-subject',
    ]);
  });

  it('by severity: worst group first (larger first on a tie), most severe finding first inside', () => {
    expect(shape('severity')).toEqual([
      'User jordan@contoso.com: rbac.cluster-admin,rbac.user-subject',
      'Deployment/shop/agent: containers.privileged',
      'Deployment/shop/web: containers.root,containers.seccomp',
      'cluster: access.local-accounts',
    ]);
    expect(groupFindings(FINDINGS, 'severity')[2]!.worst).toBe('medium');
  });

  it('by id: ids in order inside a group, groups by their first id', () => {
    expect(shape('id')).toEqual([
      'cluster: access.local-accounts',
      'Deployment/shop/agent: containers.privileged',
      'Deployment/shop/web: containers.root,containers.seccomp',
      'User jordan@contoso.com: rbac.cluster-admin,rbac.user-subject',
    ]);
  });

  it('filters on id, object, subject and message, ignoring case; an empty filter keeps all', () => {
    const hit = (filter: string) => FINDINGS.filter((f) => matchesFilter(f, filter)).length;
    expect(hit('')).toBe(6);
    expect(hit('  ')).toBe(6);
    expect(hit('SECCOMP')).toBe(1);
    expect(hit('shop/web')).toBe(2);
    expect(hit('jordan@')).toBe(2);
    expect(hit('full control')).toBe(1);
    expect(hit('nothing like this')).toBe(0);
    expect(shape('severity', 'root')).toEqual(['Deployment/shop/web: containers.root']);
  });

  it('cycles the sort and counts severities most severe first', () => {
    expect(nextSort('severity')).toBe('id');
    expect(nextSort('id')).toBe('object');
    expect(nextSort('object')).toBe('severity');
    expect(severityCounts(FINDINGS)).toBe('2 high, 3 medium, 1 low');
  });
});
