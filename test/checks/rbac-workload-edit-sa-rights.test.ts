// Editing workloads (update/patch on pods or on kinds that manage pods) in a namespace runs pods
// as any ServiceAccount there and lets them mount any Secret there, just as creating them does.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { crb, facts, group, rb, role, rule, sa } from './rbac-fixtures.js';
import type { PolicyRule } from '../../src/model/rbac.js';

const TEAM = group('0b0c8a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c');

function onTeam(rules: PolicyRule[], powerfulAccount = true, enforce?: string) {
  const review = checkRbac(
    facts({
      ...(enforce ? { podSecurityEnforce: { shop: enforce } } : {}),
      roles: [role('shop', 'deployer', rules)],
      roleBindings: [rb('shop', 'team-deploy', 'Role', 'deployer', [TEAM])],
      clusterRoleBindings: powerfulAccount
        ? [crb('shop-ops-admin', 'cluster-admin', [sa('shop', 'ops')])]
        : [],
    }),
  );
  return review.findings.filter((f) => f.object?.name === 'team-deploy');
}

describe('rbac: update or patch on workloads acts as the namespace ServiceAccounts', () => {
  // RBAC good practices, "Workload creation" (https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation):
  // "Users who can create or edit pods in a namespace, either directly or through an object that
  // enables indirect workload management, may be able to escalate their privileges in that
  // namespace"; editing a Deployment's template (serviceAccountName) runs pods as any account.
  it('a group that may patch Deployments in shop, where shop/ops is cluster-admin, gets an escalation finding', () => {
    const found = onTeam([rule(['get', 'list', 'patch', 'update'], ['apps'], ['deployments'])]);
    const esc = found.find((f) => f.id === 'rbac.escalation');
    expect(esc?.severity).toBe('high');
    expect(esc?.message).toContain('can run as ServiceAccount shop/ops');
  });

  it.each([
    [['update'], ['batch'], ['cronjobs']],
    [['patch'], ['batch'], ['jobs']],
    [['patch'], ['apps'], ['statefulsets']],
    [['update'], ['apps'], ['daemonsets']],
    [['patch'], ['apps'], ['replicasets']],
    [['patch'], [''], ['replicationcontrollers']],
    [['patch'], [''], ['pods']],
  ])('%s on %s/%s counts as well', (verbs, groups, resources) => {
    const ids = onTeam([rule(verbs, groups, resources)]).map((f) => f.id);
    expect(ids).toContain('rbac.escalation');
  });

  it('counts a patch limited to one named Deployment (its template is the path)', () => {
    const ids = onTeam([rule(['patch'], ['apps'], ['deployments'], ['web'])]).map((f) => f.id);
    expect(ids).toContain('rbac.escalation');
  });

  it('without a stronger ServiceAccount, where baseline is enforced, it is an indirect Secrets read (low)', () => {
    const found = onTeam([rule(['patch'], ['apps'], ['deployments'])], false, 'baseline');
    expect(found.map((f) => f.id)).toEqual(['rbac.secrets-read']);
    expect(found[0]?.severity).toBe('low');
  });

  it('without a stronger ServiceAccount nor a known Pod Security level, it is node access (medium)', () => {
    const found = onTeam([rule(['patch'], ['apps'], ['deployments'])], false);
    const esc = found.find((f) => f.id === 'rbac.escalation');
    expect(esc?.severity).toBe('medium');
    expect(esc?.message).toContain('node access');
  });

  it('a patch on a subresource only (deployments/scale) changes no pod template', () => {
    const found = onTeam([rule(['patch', 'update'], ['apps'], ['deployments/scale'])]);
    expect(found.map((f) => f.id)).toEqual([]);
  });
});
