// A RoleBinding grants a ClusterRole's rules inside its namespace only, so rules on cluster-scoped
// kinds (nodes, persistentvolumes, storageclasses) give nothing through it: a request for them
// never carries a namespace. The check still reports "anyone gets the role's rights (for example
// get nodes in shop)" at high, with a request no client can make.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { clusterRole, facts, group, rb, rule } from '../checks/rbac-fixtures.js';

describe('system:authenticated in a RoleBinding to a ClusterRole of cluster-scoped kinds only', () => {
  // https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding :
  // a RoleBinding "grants permissions within a specific namespace"; access to cluster-scoped
  // resources (like nodes) needs a ClusterRole bound by a ClusterRoleBinding.
  it.fails('is not high "anyone gets the role\'s rights": the binding grants nothing', () => {
    const review = checkRbac(
      facts({
        clusterRoles: [
          clusterRole('node-reader', [
            rule(['get', 'list', 'watch'], [''], ['nodes', 'persistentvolumes']),
            rule(['get', 'list'], ['storage.k8s.io'], ['storageclasses']),
          ]),
        ],
        roleBindings: [
          rb('shop', 'everyone-nodes', 'ClusterRole', 'node-reader', [
            group('system:authenticated'),
          ]),
        ],
      }),
    );
    const anonymous = review.findings.filter((f) => f.id === 'rbac.anonymous');
    expect(anonymous.map((f) => f.severity)).not.toContain('high');
    expect(anonymous.map((f) => f.message).join(' ')).not.toMatch(/get nodes in shop/);
  });
});
