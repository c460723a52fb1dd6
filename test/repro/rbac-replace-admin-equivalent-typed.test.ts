// A user candidate is "admin level" (its replacement asks for the cluster name typed) only when
// its role grants `*` on `*`. A role that may impersonate any group may impersonate
// system:masters, which passes every authorization check: cluster-admin by another name, yet
// handing it to a whole Entra group is a plain yes/no.
import { describe, expect, it } from 'vitest';
import { replaceCandidates } from '../../src/steps/rbac/candidates.js';
import { clusterRole, crb, facts, rule, user } from '../checks/rbac-fixtures.js';

describe('replacing a user bound to a role that can impersonate any user and group', () => {
  // https://kubernetes.io/docs/concepts/security/rbac-good-practices/ ("Impersonate verb"; members
  // of system:masters bypass all RBAC checks) and
  // https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation
  it.fails('is cluster-admin equivalent, so its confirmation is typed', () => {
    const f = facts({
      clusterRoles: [
        clusterRole('impersonator', [rule(['impersonate'], [''], ['users', 'groups'])]),
      ],
      clusterRoleBindings: [crb('ops-impersonate', 'impersonator', [user('jordan@contoso.com')])],
    });
    const [candidate] = replaceCandidates(f);
    expect(candidate?.user).toBe('jordan@contoso.com');
    expect(candidate?.adminLevel).toBe(true);
  });
});
