// The group system:serviceaccounts is every ServiceAccount of every namespace, so a binding to it
// reaches every pod that mounts a token. Bound cluster-wide to `view` (the RBAC page's own
// "discouraged" example) it once gave no finding at all.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { EDIT, VIEW, crb, facts, group, rb, urls, clusterRole } from './rbac-fixtures.js';

describe('a ClusterRoleBinding of view to system:serviceaccounts', () => {
  // https://kubernetes.io/docs/reference/access-authn-authz/rbac/#service-account-permissions :
  // "4. Grant a limited role to all service accounts cluster-wide (discouraged)", with
  // `kubectl create clusterrolebinding serviceaccounts-view --clusterrole=view --group=system:serviceaccounts`.
  it('is reported (a grant to every ServiceAccount in the cluster)', () => {
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

  const rated = (...bindings: Parameters<typeof facts>[0][]) =>
    bindings.map((b) =>
      checkRbac(facts({ clusterRoles: [VIEW, EDIT], ...b }))
        .findings.filter((f) => f.id === 'rbac.all-service-accounts')
        .map((f) => f.severity),
    );

  it('is rated by what the role grants and where', () => {
    const every = group('system:serviceaccounts');
    expect(
      rated(
        { clusterRoleBindings: [crb('sa-view', 'view', [every])] },
        { clusterRoleBindings: [crb('sa-edit', 'edit', [every])] },
        { clusterRoleBindings: [crb('ops-view', 'view', [group('system:serviceaccounts:ops')])] },
        { roleBindings: [rb('shop', 'sa-view', 'ClusterRole', 'view', [every])] },
        { roleBindings: [rb('shop', 'sa-edit', 'ClusterRole', 'edit', [every])] },
      ),
    ).toEqual([['medium'], ['high'], ['medium'], ['low'], ['medium']]);
  });

  it("leaves out a namespace's own group in its namespace and Kubernetes' issuer discovery", () => {
    const issuer = clusterRole('system:service-account-issuer-discovery', [
      urls(['get'], ['/.well-known/openid-configuration', '/openid/v1/jwks']),
    ]);
    expect(
      rated(
        {
          roleBindings: [
            rb('ops', 'ops-view', 'ClusterRole', 'view', [group('system:serviceaccounts:ops')]),
          ],
        },
        {
          clusterRoles: [issuer],
          clusterRoleBindings: [
            crb('system:service-account-issuer-discovery', issuer.metadata!.name!, [
              group('system:serviceaccounts'),
            ]),
          ],
        },
      ),
    ).toEqual([[], []]);
  });
});
