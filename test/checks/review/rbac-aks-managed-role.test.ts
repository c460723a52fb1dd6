// Hostile review of the AKS-managed exclusion: a binding matched by name, role name and subjects
// is AKS's only while its role grants what AKS's role grants. RBAC authorizes by the role's
// current rules, looked up by name at each request: an edited role hands the binding's subjects
// whatever was added, with no change to the binding (RBAC documentation, "Role and ClusterRole").
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../../src/checks/rbac/check-bindings.js';
import { AKS_LABEL, BOOT, clusterRole, crb, facts, group, rule, sa } from '../rbac-fixtures.js';

const ids = (f: ReturnType<typeof facts>) =>
  checkRbac(f).findings.map((x) => `${x.id}:${x.severity}:${x.object?.name ?? '-'}`);

const FILE = 'csi-azurefile-node-secret-binding';
const FILE_ROLE = 'csi-azurefile-node-secret-role';
const fileBinding = crb(FILE, FILE_ROLE, [sa('kube-system', 'csi-azurefile-node-sa')], AKS_LABEL);

// Kubernetes' bootstrap system:node (bootstrappolicy testdata cluster-roles.yaml), its rights
// the checks call dangerous and a few others.
const SYSTEM_NODE = clusterRole(
  'system:node',
  [
    rule(['get', 'list', 'watch'], [''], ['pods', 'services']),
    rule(['create', 'delete'], [''], ['pods']),
    rule(['get', 'list', 'watch'], [''], ['configmaps', 'secrets']),
    rule(['create'], [''], ['serviceaccounts/token']),
    rule(['create'], [''], ['pods/eviction']),
    rule(['patch', 'update'], [''], ['nodes', 'nodes/status', 'pods/status']),
  ],
  { labels: BOOT },
);
const nodesBinding = crb(
  'system:aks-client-nodes',
  'system:node',
  [group('system:nodes')],
  AKS_LABEL,
);

describe('an AKS binding whose role grants more than AKS gives it is checked', () => {
  it('the Azure Files node role as AKS makes it (get secrets) stays out', () => {
    const f = facts({
      clusterRoles: [
        clusterRole(FILE_ROLE, [rule(['get'], [''], ['secrets'])], { labels: AKS_LABEL }),
      ],
      clusterRoleBindings: [fileBinding],
    });
    expect(ids(f)).toEqual([]);
    expect(checkRbac(f).excluded.map((e) => e.binding)).toEqual([`ClusterRoleBinding/${FILE}`]);
  });

  it('the same role edited to grant everything: cluster-admin for the node ServiceAccount', () => {
    const f = facts({
      clusterRoles: [clusterRole(FILE_ROLE, [rule(['*'], ['*'], ['*'])], { labels: AKS_LABEL })],
      clusterRoleBindings: [fileBinding],
    });
    expect(ids(f)).toContain(`rbac.cluster-admin:high:${FILE}`);
    expect(ids(f)).toContain(`rbac.aks-label-mismatch:medium:${FILE}`);
    expect(checkRbac(f).excluded).toEqual([]);
  });

  it('the same role with impersonation added: an escalation', () => {
    const f = facts({
      clusterRoles: [
        clusterRole(FILE_ROLE, [
          rule(['get'], [''], ['secrets']),
          rule(['impersonate'], [''], ['users', 'groups']),
        ]),
      ],
      clusterRoleBindings: [fileBinding],
    });
    expect(ids(f)).toContain(`rbac.escalation:high:${FILE}`);
  });

  it('system:node as Kubernetes makes it stays out for system:nodes', () => {
    const f = facts({ clusterRoles: [SYSTEM_NODE], clusterRoleBindings: [nodesBinding] });
    expect(ids(f)).toEqual([]);
  });

  it('system:node with nodes/proxy added: every node credential reaches every kubelet', () => {
    const edited = {
      ...SYSTEM_NODE,
      rules: [...(SYSTEM_NODE.rules ?? []), rule(['get'], [''], ['nodes/proxy'])],
    };
    const f = facts({ clusterRoles: [edited], clusterRoleBindings: [nodesBinding] });
    expect(ids(f)).toContain('rbac.escalation:high:system:aks-client-nodes');
  });
});

describe('the Azure Disk CSI node binding AKS installs', () => {
  const DISK = 'csi-azuredisk-node-binding';
  const DISK_ROLE = 'csi-azuredisk-node-role';
  const disk = crb(DISK, DISK_ROLE, [sa('kube-system', 'csi-azuredisk-node-sa')], AKS_LABEL);

  it('as AKS makes it (get secrets and nodes) is not an alarm', () => {
    const f = facts({
      clusterRoles: [
        clusterRole(DISK_ROLE, [rule(['get'], [''], ['secrets']), rule(['get'], [''], ['nodes'])]),
      ],
      clusterRoleBindings: [disk],
    });
    expect(ids(f)).toEqual([]);
    expect(checkRbac(f).excluded.map((e) => e.binding)).toEqual([`ClusterRoleBinding/${DISK}`]);
  });

  it('bound to another ServiceAccount it is checked', () => {
    const f = facts({
      clusterRoles: [clusterRole(DISK_ROLE, [rule(['get'], [''], ['secrets'])])],
      clusterRoleBindings: [crb(DISK, DISK_ROLE, [sa('shop', 'app')], AKS_LABEL)],
    });
    expect(ids(f)).toContain(`rbac.secrets-read:high:${DISK}`);
  });
});
