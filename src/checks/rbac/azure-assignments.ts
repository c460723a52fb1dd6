import {
  roleGuid,
  type AzureAssignment,
  type AzurePermission,
  type AzureRbacFacts,
  type AzureRoleDefinition,
} from '../../model/azure-rbac.js';
import type { SubjectRef } from '../../model/directory.js';
import type { Finding } from '../../model/finding.js';

const MC = 'Microsoft.ContainerService/managedClusters';
const ADMIN_CREDENTIAL = `${MC}/listClusterAdminCredential/action`;
// Get Access Profile (POST …/accessProfiles/{roleName}/listCredential, deprecated but served):
// with roleName clusterAdmin it returns the same admin kubeconfig, and one action covers every
// roleName, so the built-in Cluster Admin Role grants it beside listClusterAdminCredential.
const ACCESS_PROFILE_CREDENTIAL = `${MC}/accessProfiles/listCredential/action`;
const USER_CREDENTIAL = `${MC}/listClusterUserCredential/action`;
/** A data action only Kubernetes cluster-admin level covers (every resource, every verb). */
const EVERY_DATA_ACTION = `${MC}/everything/everything/action`;

/** Whether an Azure action pattern (`*` wildcards, case-blind) covers `action`. */
function covers(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return re.test(action);
}

/** Whether one of a role's permissions grants `action` (control plane) or data action. */
export function grants(
  role: AzureRoleDefinition,
  action: string,
  kind: 'action' | 'data',
): boolean {
  const pick = (p: AzurePermission): [string[], string[]] =>
    kind === 'action' ? [p.actions, p.notActions] : [p.dataActions, p.notDataActions];
  return role.permissions.some((p) => {
    const [allow, deny] = pick(p);
    return allow.some((a) => covers(a, action)) && !deny.some((a) => covers(a, action));
  });
}

/**
 * The admin-credential action a role grants (wildcards included), or undefined: either fetches
 * the local cluster-admin kubeconfig while local accounts are on.
 */
export function adminCredentialAction(role: AzureRoleDefinition): string | undefined {
  return [ADMIN_CREDENTIAL, ACCESS_PROFILE_CREDENTIAL].find((a) => grants(role, a, 'action'));
}

/**
 * The AKS built-in roles, by role definition id (Azure built-in roles reference): RBAC Cluster
 * Admin, Admin, Writer, Reader, and the Cluster Admin, Cluster User and Contributor roles.
 */
export const AKS_BUILT_IN_ROLES: Readonly<Record<string, string>> = {
  'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b': 'Azure Kubernetes Service RBAC Cluster Admin',
  '3498e952-d568-435e-9b2c-8d77e338d7f7': 'Azure Kubernetes Service RBAC Admin',
  'a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb': 'Azure Kubernetes Service RBAC Writer',
  '7f6c6a51-bcf8-42ba-9220-52d62157d7db': 'Azure Kubernetes Service RBAC Reader',
  '0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8': 'Azure Kubernetes Service Cluster Admin Role',
  '4abbcc35-e782-43d8-92c5-2d3f1bd2253f': 'Azure Kubernetes Service Cluster User Role',
  'ed7f3fbd-7b88-4dd4-9017-9adb7ce333f8': 'Azure Kubernetes Service Contributor Role',
};

/**
 * Managed-cluster data actions a data-action pattern may cover: one built from the pattern itself
 * (its first `*` standing for the rest of `managedClusters/…`, later ones for `x`) when it can
 * reach a managed-cluster action at all, and a few common ones.
 */
function clusterDataActions(pattern: string): string[] {
  const star = pattern.indexOf('*');
  const head = star < 0 ? pattern : pattern.slice(0, star);
  const own = `${MC}/`.toLowerCase();
  const probes = [EVERY_DATA_ACTION, `${MC}/pods/read`, `${MC}/secrets/read`];
  if (head.toLowerCase().startsWith(own)) return [pattern.replaceAll('*', 'x'), ...probes];
  if (star >= 0 && own.startsWith(head.toLowerCase()))
    return [`${MC}/x${pattern.slice(star + 1).replaceAll('*', 'x')}`, ...probes];
  return [];
}

/**
 * An AKS role: one of the AKS built-ins, or a custom role whose data actions (Azure `*`
 * wildcards, case-blind, less its notDataActions) cover a managed-cluster data action.
 */
export function aksRole(role: AzureRoleDefinition): boolean {
  if (AKS_BUILT_IN_ROLES[roleGuid(role.id)]) return true;
  return (
    !role.builtIn &&
    role.permissions.some((p) =>
      p.dataActions.some((pattern) =>
        clusterDataActions(pattern).some(
          (action) =>
            covers(pattern, action) && !p.notDataActions.some((deny) => covers(deny, action)),
        ),
      ),
    )
  );
}

/**
 * The Kubernetes namespace an assignment is scoped to (`<cluster>/namespaces/<ns>`), or undefined
 * for an assignment on the cluster or above it. A namespace-scoped role grants its data actions
 * in that namespace only, and no action on the cluster resource itself.
 */
export function namespaceScope(a: AzureAssignment, clusterId: string): string | undefined {
  const prefix = `${clusterId.toLowerCase()}/namespaces/`;
  if (!a.scope.toLowerCase().startsWith(prefix)) return undefined;
  return a.scope.slice(prefix.length).split('/')[0];
}

/** Where an assignment sits, relative to the cluster. */
export function scopeWords(a: AzureAssignment, clusterId: string): string {
  const scope = a.scope.toLowerCase();
  if (scope === clusterId.toLowerCase()) return 'on the cluster';
  const namespace = namespaceScope(a, clusterId);
  if (namespace !== undefined) return `in namespace ${namespace}`;
  if (scope.includes('/managementgroups/'))
    return `inherited from management group ${a.scope.split('/').pop() ?? ''}`;
  if (scope.includes('/resourcegroups/'))
    return `inherited from resource group ${a.scope.split('/').pop() ?? ''}`;
  return `inherited from subscription ${a.scope.split('/').pop() ?? ''}`;
}

/** Whether the assignment's principal is one of the cluster's Entra admin groups. */
function adminGroup(a: AzureAssignment, facts: AzureRbacFacts): boolean {
  const id = a.principalId.toLowerCase();
  return (
    a.principalType === 'Group' &&
    (facts.adminGroupObjectIDs ?? []).some((g) => g.toLowerCase() === id)
  );
}

function principalOf(a: AzureAssignment): SubjectRef {
  const kind =
    a.principalType === 'User' ? 'user' : a.principalType === 'Group' ? 'group' : 'unknown';
  return { kind, id: a.principalId };
}

/**
 * Findings about the Azure role assignments that reach the cluster; pure. Users assigned an AKS
 * role directly, cluster-admin-level data access (with Azure RBAC on), and who may fetch the
 * local admin credential while local accounts are on.
 */
export function checkAzureAssignments(facts: AzureRbacFacts): Finding[] {
  const out: Finding[] = [];
  const object = { kind: 'Microsoft.Authorization/roleAssignments' };
  for (const a of facts.assignments) {
    const role = facts.definitions[roleGuid(a.roleDefinitionId)];
    if (!role) continue;
    const aks = aksRole(role);
    const where = scopeWords(a, facts.clusterId);
    const clusterWide = namespaceScope(a, facts.clusterId) === undefined;
    const who = `${a.principalType === 'User' ? 'user' : a.principalType === 'Group' ? 'group' : 'principal'} ${a.principalId}`;
    const base = {
      object: { ...object, name: a.id.split('/').pop() ?? a.id },
      subject: `${a.principalType} ${a.principalId}`,
      principal: principalOf(a),
    };
    if (aks && a.principalType === 'User')
      out.push({
        ...base,
        id: 'rbac.azure-user-assignment',
        severity: 'medium',
        message: `${who} holds Azure role "${role.roleName}" ${where}: access granted to one person is hard to review and outlives role changes.`,
        remediation:
          'Assign the role to an Entra group instead and manage membership in Entra ID; this step can replace the user with a group.',
      });
    if (aks && clusterWide && facts.azureRbacEnabled && grants(role, EVERY_DATA_ACTION, 'data'))
      out.push({
        ...base,
        id: 'rbac.azure-admin-grant',
        // As cluster-admin bound cluster-wide (rbac.cluster-admin): high for anyone, a group
        // included, but the cluster's own Entra admin groups, which AKS makes cluster-admin anyway.
        severity: adminGroup(a, facts) ? 'info' : 'high',
        message: `${who} holds "${role.roleName}" ${where}: with Azure RBAC for Kubernetes on, that is cluster-admin on every namespace${adminGroup(a, facts) ? " (it is one of the cluster's Entra admin groups, aadProfile.adminGroupObjectIDs)" : ''}.`,
        remediation:
          'Keep cluster-admin-level roles to a reviewed group; grant narrower roles (RBAC Admin, Writer, Reader) at namespace scope where that suffices.',
      });
    // Narrower than cluster-admin, yet each right below is a way to more (Kubernetes RBAC good
    // practices): the same capability findings Kubernetes bindings get.
    // A role with every data action at a namespace's scope is that namespace's admin, not
    // cluster-admin: it is judged right by right there, as any narrower role is.
    const namespace = namespaceScope(a, facts.clusterId);
    if (
      aks &&
      facts.azureRbacEnabled &&
      (namespace !== undefined || !grants(role, EVERY_DATA_ACTION, 'data'))
    )
      out.push(...dataCapabilities(role, base, who, where, namespace));
    const adminCredential = adminCredentialAction(role);
    if (clusterWide && facts.localAccounts && adminCredential)
      out.push({
        ...base,
        id: 'rbac.azure-admin-credential',
        severity: 'medium',
        message: `${who} may fetch the cluster-admin credential (${adminCredential === ADMIN_CREDENTIAL ? 'listClusterAdminCredential' : 'Get Access Profile clusterAdmin, accessProfiles/listCredential'}) through "${role.roleName}" ${where}: while local accounts are on, that certificate is in system:masters and bypasses Entra ID and every RBAC check.`,
        remediation:
          'Disable local accounts (az aks update --disable-local-accounts) or remove that right from who does not need it.',
      });
    // Without Entra ID the user credential is a certificate with the admin one's effect (AKS:
    // "the clusterUser role has same effect of clusterAdmin role"): the same door.
    else if (clusterWide && !facts.entraId && grants(role, USER_CREDENTIAL, 'action'))
      out.push({
        ...base,
        id: 'rbac.azure-admin-credential',
        severity: 'medium',
        message: `${who} may fetch the cluster user credential (listClusterUserCredential) through "${role.roleName}" ${where}: without Entra ID that credential grants cluster-admin.`,
        remediation:
          'Turn on AKS-managed Entra ID (az aks update --enable-aad), then disable local accounts; until then, remove that right from who does not need cluster-admin.',
      });
  }
  return out;
}

// The data action of a Kubernetes request under Azure RBAC: `<group>/<resource>/<verb>` (no group
// segment for the core group), get/list/watch as read, create/update/patch as write, other verbs
// as `<verb>/action`. Names checked against Azure's resource provider operations list for
// Microsoft.ContainerService: pods/exec/action, the webhook configurations' write,
// certificatesigningrequests/write, namespaces/write, persistentvolumes/write; the roles' bind
// and escalate actions as published custom roles name them. Not verified (kept, after the same
// scheme, since a role may still name them or a wildcard covers them): replicationcontrollers
// write, pods/attach and pods/portforward actions, pods/ephemeralcontainers/write,
// nodes/proxy/action, certificates.k8s.io/signers/approve/action.
const ADMISSION = `${MC}/admissionregistration.k8s.io`;
const CERTIFICATES = `${MC}/certificates.k8s.io`;
const RBAC_API = `${MC}/rbac.authorization.k8s.io`;

/**
 * Data actions that lead to more rights, with what each gives (Azure RBAC for Kubernetes), after
 * the Kubernetes capability list (RBAC good practices). `alsoNeeds`: a second data action the
 * same role must grant as well (approving a CSR takes `approve` on its signer too).
 */
const DATA_CAPABILITIES: ReadonlyArray<{
  finding: 'rbac.secrets-read' | 'rbac.escalation';
  actions: string[];
  alsoNeeds?: string[];
  what: string;
}> = [
  {
    finding: 'rbac.secrets-read',
    actions: [`${MC}/secrets/read`],
    what: 'reads Secrets (service account tokens and credentials among them)',
  },
  {
    finding: 'rbac.escalation',
    actions: [
      `${MC}/pods/write`,
      `${MC}/replicationcontrollers/write`,
      ...['deployments', 'daemonsets', 'statefulsets', 'replicasets'].map(
        (r) => `${MC}/apps/${r}/write`,
      ),
      `${MC}/batch/jobs/write`,
      `${MC}/batch/cronjobs/write`,
    ],
    what: 'creates or changes pods or workloads, which run as any ServiceAccount there and read its Secrets',
  },
  {
    finding: 'rbac.escalation',
    actions: ['exec', 'attach', 'portforward'].map((s) => `${MC}/pods/${s}/action`),
    what: 'runs commands in pods (exec, attach or port-forward)',
  },
  {
    finding: 'rbac.escalation',
    actions: [`${MC}/pods/ephemeralcontainers/write`],
    what: 'adds ephemeral containers to running pods',
  },
  {
    finding: 'rbac.escalation',
    actions: [`${MC}/nodes/proxy/action`],
    what: 'reaches the kubelet API through nodes/proxy',
  },
  {
    finding: 'rbac.escalation',
    actions: ['users', 'groups', 'serviceaccounts'].map((r) => `${MC}/${r}/impersonate/action`),
    what: 'impersonates users, groups or ServiceAccounts',
  },
  {
    finding: 'rbac.escalation',
    actions: ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'].map(
      (r) => `${RBAC_API}/${r}/write`,
    ),
    what: 'writes roles or role bindings',
  },
  {
    finding: 'rbac.escalation',
    actions: ['roles', 'clusterroles'].flatMap((r) => [
      `${RBAC_API}/${r}/bind/action`,
      `${RBAC_API}/${r}/escalate/action`,
    ]),
    what: 'binds or escalates roles',
  },
  {
    finding: 'rbac.escalation',
    actions: [
      `${ADMISSION}/mutatingwebhookconfigurations/write`,
      `${ADMISSION}/validatingwebhookconfigurations/write`,
    ],
    what: 'installs admission webhooks (they see and may change every request)',
  },
  {
    finding: 'rbac.escalation',
    actions: [`${CERTIFICATES}/certificatesigningrequests/write`],
    alsoNeeds: [`${CERTIFICATES}/signers/approve/action`],
    what: 'approves certificate signing requests (client certificates for any user)',
  },
  {
    finding: 'rbac.escalation',
    actions: [`${MC}/serviceaccounts/token/action`],
    what: 'mints ServiceAccount tokens',
  },
  {
    finding: 'rbac.escalation',
    actions: [`${MC}/namespaces/write`],
    what: "changes namespaces' labels (their Pod Security level and the policies that select them)",
  },
  {
    finding: 'rbac.escalation',
    actions: [`${MC}/persistentvolumes/write`],
    what: 'creates PersistentVolumes (a hostPath volume opens the node file system)',
  },
];

/**
 * The capability findings of an Azure role's data actions (NotDataActions honoured): high at the
 * cluster's scope (every namespace, kube-system included) or in kube-system (the control plane's
 * add-ons and their ServiceAccounts), medium in another namespace.
 */
function dataCapabilities(
  role: AzureRoleDefinition,
  base: Pick<Finding, 'object' | 'subject' | 'principal'>,
  who: string,
  where: string,
  namespace: string | undefined,
): Finding[] {
  const out: Finding[] = [];
  const clusterWide = namespace === undefined;
  const wide = clusterWide || namespace === 'kube-system';
  const held = (actions: string[]) => actions.some((a) => grants(role, a, 'data'));
  for (const finding of ['rbac.secrets-read', 'rbac.escalation'] as const) {
    const what = DATA_CAPABILITIES.filter(
      (c) => c.finding === finding && held(c.actions) && (!c.alsoNeeds || held(c.alsoNeeds)),
    ).map((c) => c.what);
    if (what.length === 0) continue;
    out.push({
      ...base,
      id: finding,
      severity: wide ? 'high' : 'medium',
      message: `${who} holds "${role.roleName}" ${where}: with Azure RBAC for Kubernetes on, it ${what.join('; ')}${clusterWide ? ' in every namespace, kube-system included' : ''}.`,
      remediation:
        'Grant this role at namespace scope to who needs it there, or a narrower role (RBAC Reader); review the group it is assigned to.',
    });
  }
  return out;
}
