// The group system:serviceaccounts is every ServiceAccount of every namespace, so a binding to it
// reaches every pod that mounts a token. Bound cluster-wide to `view` (the RBAC page's own
// "discouraged" example) it gives no finding at all, while the same role bound to
// system:authenticated is high.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { VIEW, crb, facts, group } from '../checks/rbac-fixtures.js';

describe('a ClusterRoleBinding of view to system:serviceaccounts', () => {
  // https://kubernetes.io/docs/reference/access-authn-authz/rbac/#service-account-permissions :
  // "4. Grant a limited role to all service accounts cluster-wide (discouraged)", with
  // `kubectl create clusterrolebinding serviceaccounts-view --clusterrole=view --group=system:serviceaccounts`.
  it.fails('is reported (a grant to every ServiceAccount in the cluster)', () => {
    const review = checkRbac(
      facts({
        clusterRoles: [VIEW],
        clusterRoleBindings: [
          crb('serviceaccounts-view', 'view', [group('system:serviceaccounts')]),
        ],
      }),
    );
    const about = review.findings.filter((f) => f.object?.name === 'serviceaccounts-view');
    expect(about.length).toBeGreaterThan(0);
  });
});
