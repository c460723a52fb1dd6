import type { StepId } from '../model/checklist.js';

/**
 * What each finding id means, in one line: the README's finding table, kept equal to it by a test.
 * SARIF output gives these as each rule's help. Ids not listed get a generic line.
 */
export const FINDING_MEANINGS: Readonly<Record<string, string>> = {
  'rights.read-forbidden':
    'a step cannot read what it checks; its results are incomplete, not clean',
  'rights.change-forbidden':
    'a step can look, but its changes are refused (shown with the reason, not offered)',
  'defender.disabled': 'Microsoft Defender for Containers is off: attacks at runtime go unseen',
  'defender.forbidden': 'could not check Defender: the read was refused',
  'access.rbac-off':
    'Kubernetes RBAC disabled (`enableRBAC: false`): every identity may do everything',
  'access.entra-off': 'no AKS-managed Microsoft Entra ID integration',
  'access.azure-rbac-off': 'Entra ID on, Azure RBAC for Kubernetes authorization off',
  'access.local-accounts-on': 'Entra ID on, yet the local admin credential still works',
  'access.api-public':
    'no authorized ranges, or ranges that together let in > 1/256 of the internet',
  'access.forbidden': 'could not check API server access: the read was refused',
  'rbac.user-subject':
    'a user is bound directly (UPN, guest or object id) instead of an Entra group',
  'rbac.cluster-admin':
    'a subject may do everything (`*` verbs, resources, groups); medium in a namespace',
  'rbac.wildcard': '`*` in verbs, resources or non-resource URLs, short of full admin',
  'rbac.escalation':
    'impersonate, bind, escalate, bindings, webhooks, CSRs, exec, `nodes/proxy`, ...',
  'rbac.secrets-read':
    'may get, list or watch any secret, or create or edit pods or workloads to mount them',
  'rbac.anonymous':
    'grants to `system:anonymous`, `system:unauthenticated` or `system:authenticated`',
  'rbac.masters': 'a binding names `system:masters` (the built-in `cluster-admin` binding aside)',
  'rbac.default-service-account': "a namespace's `default` service account is bound to a role",
  'rbac.all-service-accounts':
    'grants to `system:serviceaccounts`, or to `system:serviceaccounts:<ns>` cluster-wide',
  'rbac.missing-role': 'a binding points at a role that does not exist',
  'rbac.aggregated-role': 'a custom ClusterRole aggregates into admin, edit or view',
  'rbac.aks-admin-group':
    "the cluster's Entra admin groups hold cluster-admin (named, with their source)",
  'rbac.aks-label-mismatch':
    "a binding carries AKS's managed label but is not a binding AKS creates",
  'rbac.server-disagrees': 'the API server said no to the access question behind a finding',
  'rbac.forbidden': 'could not check the bindings: a list was refused',
  'rbac.azure-user-assignment':
    'a user holds an AKS Azure role (built-in, or custom with cluster data actions)',
  'rbac.azure-admin-grant':
    'with Azure RBAC on, an Azure role gives cluster-admin data access (info: admin group)',
  'rbac.azure-admin-credential':
    'an Azure role may list an admin-level credential (without Entra ID the user one is)',
  'rbac.azure-unread': 'could not check the Azure role assignments: the read was refused or failed',
  'imds.namespace-exposed':
    'pods can reach 169.254.169.254: no policy isolates egress, or nothing enforces it',
  'imds.rule-reopens': 'a named policy rule (`spec.egress[i]`) allows TCP 80 on 169.254.169.254',
  'imds.partial': 'current pods no egress policy selects (high), or only later pods (medium)',
  'imds.pod-identity-nmi':
    "AAD Pod Identity's NMI takes 169.254.169.254:80 on the node before the policies apply",
  'imds.host-network': 'hostNetwork pods: network policies never apply to them',
  'imds.no-policy-engine': '`networkPolicy: none` (AKS CNI): policies are stored but not enforced',
  'imds.engine-unknown': 'the policy engine is unknown: no Azure access, or a CNI of your own',
  'imds.engine-retiring': 'Azure Network Policy Manager, being retired, enforces the policies',
  'imds.engine-policies-unread':
    "could not check Cilium's or Calico's own policies: the read was refused or failed",
  'imds.engine-policy-opens':
    'a Cilium or Calico policy lets pods reach 169.254.169.254 that NetworkPolicies keep',
  'imds.engine-policy-unknown':
    'not known: a Cilium or Calico policy selects pods with a part the step cannot judge',
  'imds.forbidden': 'could not check: a read was refused',
  'imds.probe-disagrees':
    "a probe pod's connection disagrees with the policies (high when it got through)",
  'imds.probe-failed': 'a probe pod could not tell (image not pulled, did not finish, refused)',
  'containers.privileged':
    'a container runs privileged (all capabilities, escalation) or as Windows HostProcess',
  'containers.root':
    'may run as root (`runAsUser: 0`, `ContainerAdministrator`, `runAsNonRoot` not true)',
  'containers.privilege-escalation':
    '`allowPrivilegeEscalation` not false on a container that is not privileged',
  'containers.host-namespace': 'hostNetwork, hostPID or hostIPC',
  'containers.host-path':
    'hostPath (high if it is, is under or holds kubelet/runtime dirs, pipes, /etc, /proc)',
  'containers.capabilities':
    'added capabilities (SYS_ADMIN/ALL high, past baseline medium), or ALL not dropped',
  'containers.seccomp':
    'seccomp `Unconfined`, or no profile (low: pod-level, all containers override it)',
  'containers.apparmor':
    'AppArmor `Unconfined` (field or annotation; low: pod-level, containers override it)',
  'containers.host-port': "a container binds a `hostPort` on the node's own address",
  'containers.selinux':
    'a custom SELinux label: a type other than the container types, or a user or role',
  'containers.proc-mount': '`procMount` other than `Default`: the masked /proc paths are exposed',
  'containers.sysctls': 'pod sysctls outside the Kubernetes safe set',
  'containers.probe-host':
    'a probe or lifecycle hook names a `host`: the kubelet connects there from the node',
  'containers.volume-type':
    'a volume source restricted forbids (nfs, azureFile, ...; medium: gitRepo)',
  'containers.forbidden': 'could not check: a list of pods or workloads was refused',
  'versions.unsupported':
    'a minor outside the window, or a retired patch (medium: that, a preview, LTS-only)',
  'versions.upgrade-available': 'the control plane has a GA upgrade (info for a patch)',
  'versions.pool-skew':
    "a pool behind the control plane (low: a patch; high: past AKS's skew) or ahead (high)",
  'versions.auto-upgrade-off':
    'the auto-upgrade channel is `none` or `node-image`: Kubernetes never moves by itself',
  'versions.patch-only-channel':
    'the auto-upgrade channel is `patch`: it never moves the minor (stable or rapid do)',
  'versions.support-unknown':
    'support could not be told: no version, no GA minor listed, or a minor newer than all',
  'versions.preview-only': 'only preview versions are offered as upgrades',
  'versions.pdb-blocks-drain':
    'a budget allows no disruption (now, or by spec) or two select one pod: upgrades fail',
  'versions.pdb-tight':
    "one upgrade batch of nodes would evict more of a budget's pods than it allows",
  'versions.pool-capacity-loss':
    'an upgrade in place (maxSurge 0, or Spot) leaves a pool fewer ready nodes (high: 0)',
  'versions.operation-running': 'an operation is still running: a new request would get 409',
  'versions.node-not-ready': 'a node is not Ready',
  'versions.removed-api-served': 'the API server serves a group/version the next minor removes',
  'versions.deprecated-api-in-use':
    'a client, a last-applied object or a Helm release uses a removed/deprecated API',
  'versions.no-upgrade-window':
    'an auto-upgrade channel is on, no `aksManagedAutoUpgradeSchedule`: upgrades any hour',
  'versions.upgrade-window-unknown':
    'an auto-upgrade channel is on; its maintenance window could not be read: not known',
  'versions.forbidden':
    'could not check: nodes, budgets, discovery (medium), or a deprecated-API source (low)',
  'drain.pdb-blocks-eviction':
    "a budget allows no disruption: draining its pods' nodes waits until the timeout",
  'drain.several-pdbs': 'a running pod is covered by more than one budget: eviction refuses it',
  'drain.unreplicated-pod':
    'a pod has no controller, or its DaemonSet is gone: drain refuses it unless forced',
  'drain.node-cordoned':
    'a node is cordoned, perhaps left so by an interrupted drain or quarantined by AKS',
  'drain.reboot-needed': 'kured marked the node for a reboot',
  'drain.emptydir-pod': 'a pod keeps emptyDir data that a drain deletes',
  'drain.forbidden': 'could not check: nodes, pods, DaemonSets or budgets were refused',
  'nodeimage.outdated':
    'a Linux pool is behind its latest node image (high when older than 60 days)',
  'nodeimage.os-retired':
    'a pool runs a node OS AKS no longer patches (Azure Linux 2.0, Windows Server 2019, ...)',
  'nodeimage.windows-outdated': 'a Windows pool is behind: node images are its only patches',
  'nodeimage.unknown': "a pool's node image or the newest one offered was not reported: not judged",
  'nodeimage.node-behind':
    "a node's image label is behind its pool's image (low while an operation runs on it)",
  'nodeos.channel-none':
    'node OS channel `None`, or `Unmanaged` with Windows or Azure Linux GPU pools',
  'nodeos.no-window':
    'node OS channel `NodeImage`/`SecurityPatch`, no `aksManagedNodeOSUpgradeSchedule`',
  'nodeos.window-unknown':
    'node OS channel `NodeImage`/`SecurityPatch`; its window could not be read: not known',
  'reboot.required': 'kured says a node needs a reboot (the lock holder is named)',
  'reboot.kured-missing':
    '`Unmanaged`, Ubuntu or Azure Linux CPU pools, no kured: reboots are not handled',
  'nodeimage.forbidden': 'could not check: node labels or DaemonSets were refused',
  'waiver.expired': 'a waiver is past its expiry date: the findings it matched count again',
  'waiver.unused':
    'a waiver matches no finding of a step that ran to the end: fixed, or a wrong match',
};

/** The checklist step whose findings carry each id prefix (`rights.*` come from every step). */
export const AREA_STEPS: Readonly<Record<string, StepId>> = {
  defender: 'defender',
  access: 'api-access',
  rbac: 'rbac',
  imds: 'imds',
  containers: 'containers',
  versions: 'upgrades',
  drain: 'drain',
  nodeimage: 'node-image',
  nodeos: 'node-image',
  reboot: 'node-image',
};

/** The one-line meaning of a finding id, for help texts. */
export function findingMeaning(id: string): string {
  return FINDING_MEANINGS[id] ?? `finding ${id} (see the README's finding ids)`;
}
