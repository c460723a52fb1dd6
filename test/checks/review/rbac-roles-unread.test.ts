// Hostile review: when listing ClusterRoles (or Roles) was refused, a role the checks cannot see
// is unknown, not missing. Saying that cluster-admin "does not exist" and "grants nothing now"
// is a wrong verdict; the refused list is its own finding (rbac.forbidden), never a pass.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../../src/checks/rbac/check-bindings.js';
import type { RbacFacts } from '../../../src/checks/rbac/types.js';
import { BOOT, crb, group, rb, user } from '../rbac-fixtures.js';

const bare = (p: Partial<RbacFacts>): RbacFacts => ({
  roleBindings: [],
  clusterRoleBindings: [],
  roles: [],
  clusterRoles: [],
  forbidden: [],
  ...p,
});
const ids = (f: RbacFacts) =>
  checkRbac(f).findings.map((x) => `${x.id}:${x.severity}:${x.object?.name ?? '-'}`);

describe('a role whose list was refused is unknown, not missing', () => {
  it('cluster-admin bound while ClusterRoles could not be listed: no "does not exist"', () => {
    const f = bare({
      forbidden: ['clusterroles'],
      clusterRoleBindings: [crb('admins', 'cluster-admin', [group('team')])],
    });
    expect(ids(f)).toEqual(['rbac.forbidden:medium:-']);
  });

  it('"anyone" bound to an unreadable role: says the rules could not be read', () => {
    const f = bare({
      forbidden: ['clusterroles'],
      clusterRoleBindings: [
        crb('system:discovery', 'system:discovery', [group('system:authenticated')], BOOT),
      ],
    });
    const found = checkRbac(f).findings.filter((x) => x.id === 'rbac.anonymous');
    expect(found.map((x) => x.severity)).toEqual(['medium']);
    expect(found[0]!.message).toContain('could not be read');
    expect(found[0]!.message).not.toContain('grants nothing today');
    expect(ids(f)).not.toContain('rbac.missing-role:low:system:discovery');
  });

  it('a Role when only Roles were refused; a ClusterRole still missing is still missing', () => {
    const f = bare({
      forbidden: ['roles'],
      roleBindings: [
        rb('shop', 'team-role', 'Role', 'deployer', [group('team')]),
        rb('shop', 'team-gone', 'ClusterRole', 'gone', [group('team')]),
      ],
    });
    expect(ids(f)).toEqual(['rbac.forbidden:medium:-', 'rbac.missing-role:low:team-gone']);
  });

  it('a person bound to an unreadable role is still rbac.user-subject', () => {
    const f = bare({
      forbidden: ['clusterroles'],
      roleBindings: [rb('shop', 'alice-edit', 'ClusterRole', 'edit', [user('alice@contoso.com')])],
    });
    expect(ids(f)).toEqual(['rbac.forbidden:medium:-', 'rbac.user-subject:medium:alice-edit']);
  });
});
