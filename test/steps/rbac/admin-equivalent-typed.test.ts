// A user candidate is "admin level" (its replacement asks for the cluster name typed) when its
// binding gives cluster-admin or its equivalent, not only `*` on `*`: a role that may impersonate
// system:masters passes every authorization check, cluster-admin by another name.
import { describe, expect, it } from 'vitest';
import { replaceCandidates } from '../../../src/steps/rbac/candidates.js';
import { confirmation } from '../../../src/steps/rbac/confirmations.js';
import { planReplacement } from '../../../src/steps/rbac/plan.js';
import { clusterRole, crb, facts, rb, rule, user } from '../../checks/rbac-fixtures.js';
import type { PolicyRule } from '../../../src/model/rbac.js';

const RBAC = 'rbac.authorization.k8s.io';
const GROUP = '0b0c8a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c';

/** Whether jordan's replacement is typed, bound to a ClusterRole of `rules` in `where` (a namespace or 'cluster'). */
function adminLevel(rules: PolicyRule[], where = 'cluster'): boolean | undefined {
  const jordan = [user('jordan@contoso.com')];
  const f = facts({
    clusterRoles: [clusterRole('r', rules)],
    ...(where === 'cluster'
      ? { clusterRoleBindings: [crb('ops', 'r', jordan)] }
      : { roleBindings: [rb(where, 'ops', 'ClusterRole', 'r', jordan)] }),
  });
  const [candidate] = replaceCandidates(f);
  return candidate?.adminLevel;
}

describe('replacing a user bound to a role that can impersonate any user and group', () => {
  // https://kubernetes.io/docs/concepts/security/rbac-good-practices/ ("Impersonate verb"; members
  // of system:masters bypass all RBAC checks) and
  // https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation
  it('is cluster-admin equivalent, so its confirmation is typed', () => {
    const f = facts({
      clusterRoles: [
        clusterRole('impersonator', [rule(['impersonate'], [''], ['users', 'groups'])]),
      ],
      clusterRoleBindings: [crb('ops-impersonate', 'impersonator', [user('jordan@contoso.com')])],
    });
    const [candidate] = replaceCandidates(f);
    expect(candidate?.user).toBe('jordan@contoso.com');
    expect(candidate?.adminLevel).toBe(true);
    const plan = planReplacement(f, candidate!, GROUP);
    expect(confirmation('aks-shop-prod', plan, 'create').typed).toBe('aks-shop-prod');
  });
});

describe('admin level', () => {
  it('impersonating system:masters by name is; another named group is not', () => {
    expect(adminLevel([rule(['impersonate'], [''], ['groups'], ['system:masters'])])).toBe(true);
    expect(adminLevel([rule(['impersonate'], [''], ['groups'], ['readers'])])).toBe(false);
  });

  it('impersonating any user, or any ServiceAccount of kube-system, is; named ones are not', () => {
    expect(adminLevel([rule(['impersonate'], [''], ['users'])])).toBe(true);
    expect(adminLevel([rule(['impersonate'], [''], ['users'], ['bot'])])).toBe(false);
    expect(adminLevel([rule(['impersonate'], [''], ['serviceaccounts'])])).toBe(true);
    expect(adminLevel([rule(['impersonate'], [''], ['serviceaccounts'])], 'kube-system')).toBe(
      true,
    );
    expect(adminLevel([rule(['impersonate'], [''], ['serviceaccounts'])], 'shop')).toBe(false);
  });

  it('escalate or bind on every ClusterRole cluster-wide is; bind on a named one is not', () => {
    expect(adminLevel([rule(['escalate'], [RBAC], ['clusterroles'])])).toBe(true);
    expect(adminLevel([rule(['bind'], [RBAC], ['clusterroles'])])).toBe(true);
    expect(adminLevel([rule(['bind'], [RBAC], ['clusterroles'], ['view'])])).toBe(false);
    expect(adminLevel([rule(['bind'], [RBAC], ['clusterroles'])], 'shop')).toBe(false);
  });

  it('everything is, in a namespace too; an editor is not', () => {
    expect(adminLevel([rule(['*'], ['*'], ['*'])], 'shop')).toBe(true);
    expect(
      adminLevel([rule(['get', 'create', 'update'], ['', 'apps'], ['pods', 'deployments'])]),
    ).toBe(false);
  });
});
