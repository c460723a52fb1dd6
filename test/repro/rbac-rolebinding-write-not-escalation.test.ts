// Writing role bindings alone is not a path to more rights: the API server lets a binding be
// created or updated only by someone who already holds every right of its role (or has `bind`).
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { clusterRole, facts, group, rb, rule } from '../checks/rbac-fixtures.js';

const TEAM = group('0b0c8a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c');
const RBAC = 'rbac.authorization.k8s.io';

describe('create/update/patch rolebindings without bind or escalate', () => {
  // https://kubernetes.io/docs/reference/access-authn-authz/rbac/#restrictions-on-role-binding-creation-or-update :
  // "You can only create/update a role binding if you already have all the permissions contained
  // in the referenced role (at the same scope as the role binding) or if you have been authorized
  // to perform the bind verb on the referenced role."
  it.fails(
    'is not reported as rbac.escalation ("a path to more rights than the role grants")',
    () => {
      const review = checkRbac(
        facts({
          clusterRoles: [
            clusterRole('binding-writer', [
              rule(['get', 'list', 'create', 'update', 'patch'], [RBAC], ['rolebindings']),
            ]),
          ],
          roleBindings: [rb('shop', 'leads', 'ClusterRole', 'binding-writer', [TEAM])],
        }),
      );
      expect(review.findings.map((f) => f.id)).not.toContain('rbac.escalation');
    },
  );
});
