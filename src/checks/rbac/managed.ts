import { compareVersions, parseVersion } from '../versions/semver.js';
import { grantsBeyond, sameSubjects, subjectKey } from './platform.js';
import { isGuid } from '../../model/guid.js';
import type { PolicyRule } from '../../model/rbac.js';
import type { Binding, ClusterContext } from './types.js';

/** One binding AKS itself creates and reconciles: name, role and subjects, all three. */
interface AksBinding {
  name: string;
  role: string;
  /** `Kind:name` / `ServiceAccount:ns/name`; `admin-groups` = aadProfile.adminGroupObjectIDs. */
  subjects: string[] | 'admin-groups';
  /** What it is for, as the excluded list shows it. */
  what: string;
  /** The oldest Kubernetes minor it is known on; older clusters are out of AKS support anyway. */
  since: string;
  /** Where the shape comes from. */
  source: string;
  /**
   * The dangerous rights AKS's role grants (as rules): the binding is AKS's only while its role
   * grants no other capability or wildcard. Absent where nothing can be more (cluster-admin) or
   * the role's rules are not known (aks-service).
   */
  ceiling?: PolicyRule[];
}

const getSecrets: PolicyRule[] = [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }];
// Kubernetes' bootstrap system:node: its rights the checks call dangerous (mirror pods, secrets
// and configmaps of its pods, its pods' ServiceAccount tokens; the Node authorizer and
// NodeRestriction narrow them to the node's own pods, which RBAC alone cannot show).
const systemNode: PolicyRule[] = [
  { verbs: ['create', 'delete'], apiGroups: [''], resources: ['pods'] },
  { verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['configmaps', 'secrets'] },
  { verbs: ['create'], apiGroups: [''], resources: ['serviceaccounts/token'] },
];

const DOCS = 'Microsoft Learn: AKS access and identity concepts';
const SEEN = 'observed on AKS 1.24 clusters (public RBAC listings, 2022-2023)';
const REPORTED = 'AKS-managed Entra ID clusters (community reports; verify on a live cluster)';

/**
 * What AKS creates in every cluster, by exact shape. A binding is treated as AKS-managed only when
 * its name, its ClusterRole and its subject set all match one of these (and the cluster is at
 * least at `since`): a label proves nothing, since anyone who can create a binding can set it.
 */
const AKS_BINDINGS: AksBinding[] = [
  {
    name: 'aks-cluster-admin-binding',
    role: 'cluster-admin',
    subjects: ['User:clusterAdmin', 'User:clusterUser'],
    what: 'the local accounts (reported by api-access as access.local-accounts-on)',
    since: '1.18',
    source: SEEN,
  },
  {
    name: 'aks-cluster-admin-binding-aad',
    role: 'cluster-admin',
    subjects: 'admin-groups',
    what: 'the Entra admin groups of aadProfile.adminGroupObjectIDs',
    since: '1.18',
    source: REPORTED,
  },
  {
    name: 'aks-service-rolebinding',
    role: 'aks-service',
    subjects: ['User:aks-support'],
    what: 'AKS support access (used only under a support ticket, just in time)',
    since: '1.18',
    source: DOCS,
  },
  {
    name: 'system:aks-client-nodes',
    role: 'system:node',
    subjects: ['Group:system:nodes'],
    what: 'the nodes (kubelets)',
    since: '1.24',
    source: SEEN,
    ceiling: systemNode,
  },
  {
    name: 'csi-azurefile-node-secret-binding',
    role: 'csi-azurefile-node-secret-role',
    subjects: ['ServiceAccount:kube-system/csi-azurefile-node-sa'],
    what: 'the Azure Files CSI driver (reads storage account keys)',
    since: '1.24',
    source: SEEN,
    ceiling: getSecrets,
  },
  {
    name: 'csi-azuredisk-node-binding',
    role: 'csi-azuredisk-node-role',
    subjects: ['ServiceAccount:kube-system/csi-azuredisk-node-sa'],
    what: 'the Azure Disk CSI driver on the nodes (reads secrets it is pointed at)',
    since: '1.24',
    source: `${SEEN}; the subject as the driver's own manifests name its node ServiceAccount`,
    ceiling: getSecrets,
  },
  {
    name: 'system:azure-cloud-provider-secret-getter',
    role: 'system:azure-cloud-provider-secret-getter',
    subjects: ['ServiceAccount:kube-system/azure-cloud-provider'],
    what: 'the Azure cloud provider',
    since: '1.24',
    source: SEEN,
    ceiling: getSecrets,
  },
  {
    name: 'system:persistent-volume-binding',
    role: 'system:persistent-volume-secret-operator',
    subjects: ['ServiceAccount:kube-system/persistent-volume-binder'],
    what: 'the persistent volume binder',
    since: '1.24',
    source: SEEN,
    ceiling: getSecrets,
  },
];

/** The name of AKS's binding for the Entra admin groups. */
export const AKS_ADMIN_GROUP_BINDING = 'aks-cluster-admin-binding-aad';

function subjectsMatch(entry: AksBinding, b: Binding, cluster: ClusterContext): boolean {
  const subjects = b.object.subjects ?? [];
  if (entry.subjects !== 'admin-groups')
    return sameSubjects(
      subjects.map((s) => subjectKey(s)),
      entry.subjects,
    );
  const known = cluster.adminGroupObjectIDs;
  if (known === undefined)
    // Without ARM the admin groups are unknown: accept only Entra groups named by object id.
    return (
      subjects.length > 0 && subjects.every((s) => s.kind === 'Group' && isGuid(s.name.trim()))
    );
  return sameSubjects(
    subjects.map((s) => subjectKey({ ...s, name: s.name.toLowerCase() })),
    known.map((g) => `Group:${g.toLowerCase()}`),
  );
}

/**
 * Whether a role's rules grant a capability or wildcard that AKS's role for `entry` does not:
 * RBAC reads the role by name at each request, so an edited role is not the one AKS made. A role
 * that cannot be seen (missing) grants nothing now and is compared when it exists.
 */
export function beyondAksRole(entry: AksBinding, rules: PolicyRule[] | undefined): boolean {
  if (!entry.ceiling || !rules) return false;
  return grantsBeyond(entry.ceiling, rules);
}

/** The table entry a binding matches exactly, or undefined (then it is checked like any other). */
export function aksManaged(b: Binding, cluster: ClusterContext = {}): AksBinding | undefined {
  const entry = AKS_BINDINGS.find((e) => e.name === b.name);
  const ref = b.object.roleRef;
  if (!entry || b.kind !== 'ClusterRoleBinding') return undefined;
  if (ref.kind !== 'ClusterRole' || ref.name !== entry.role) return undefined;
  const version = cluster.kubernetesVersion;
  if (version && parseVersion(version) && compareVersions(version, entry.since) < 0)
    return undefined;
  return subjectsMatch(entry, b, cluster) ? entry : undefined;
}
