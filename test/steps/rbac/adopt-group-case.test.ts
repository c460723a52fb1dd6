// The replacement once adopted an existing `<old>-group` binding that names the group's object id
// in upper case as "already in place", then removed the user. RBAC compares a Group subject's name
// with the caller's group names exactly, and Entra ID sends object ids in lower case, so that
// binding grants the group nothing: the user would lose the role and nobody gain it.
import { describe, expect, it } from 'vitest';
import { RbacEvaluator } from '../../../src/checks/rbac/evaluator.js';
import { replaceCandidates } from '../../../src/steps/rbac/candidates.js';
import { planReplacement } from '../../../src/steps/rbac/plan.js';
import { CLUSTER_ADMIN, crb, facts, group, user } from '../../checks/rbac-fixtures.js';

const GUID = '6f1c2a4e-3b5d-4c7e-9f80-1a2b3c4d5e6f';

describe('adopting an earlier group binding', () => {
  // Kubernetes RBAC authorizer (plugin/pkg/auth/authorizer/rbac/rbac.go, appliesToUser):
  // `case rbacv1.GroupKind: return has(user.GetGroups(), subject.Name)`: an exact, case-sensitive match.
  it('does not adopt a binding whose Group name differs in case (it grants the group nothing)', () => {
    const f = facts({
      clusterRoles: [CLUSTER_ADMIN],
      clusterRoleBindings: [
        crb('jordan', 'cluster-admin', [user('jordan@contoso.com')]),
        crb('jordan-group', 'cluster-admin', [group(GUID.toUpperCase())]),
      ],
    });
    // The project's own evaluator agrees: a member of the group (token carries the lower-case id)
    // gets nothing from jordan-group.
    const member = { user: 'someone@contoso.com', groups: [GUID] };
    expect(new RbacEvaluator(f).can(member, { verb: 'get', group: '', resource: 'pods' })).toBe(
      false,
    );
    const plan = planReplacement(f, replaceCandidates(f)[0]!, GUID);
    expect(plan.adopted).toBe(false);
  });
});
