import type { ResourceRequest } from './match.js';

/** Where a question is asked: cluster scope, the binding's own scope, or kube-system. */
export type Scope = 'cluster' | 'binding' | 'kube-system';

/** A question: a request asked where `scope` says (its namespace follows from the binding). */
export type Ask = Omit<ResourceRequest, 'namespace'> & { scope: Scope };

/** A dangerous right, and the requests (any one answered yes) that prove it. */
export interface Capability {
  /** Which finding it feeds. */
  finding: 'rbac.cluster-admin' | 'rbac.escalation' | 'rbac.secrets-read';
  /** How it reads after "can": `impersonate users, groups or ServiceAccounts`. */
  what: string;
  asks: Ask[];
  /** For pod subresources: `get` also opens them over WebSocket before Kubernetes 1.35. */
  websocketGet?: boolean;
  /**
   * Whether a right on some named objects is the capability too: impersonating one named group
   * (system:masters) or exec into one named pod is the path itself. Secrets and "everything" are
   * asked without a name: a rule limited to named secrets is the advice, not a finding.
   */
  namedCounts?: boolean;
  /**
   * For `bind`: a right on named roles is the capability only when a named role would itself be
   * a finding (or is missing). The RBAC documentation offers `bind` limited by resourceNames as
   * the way to let someone hand out chosen roles; binding `view` gives nobody more than `view`.
   */
  namedRoleDecides?: boolean;
  /**
   * A second right the capability needs as well (any one of these requests), from this binding or
   * any other of the subject's: a binding that gives either half, while the subject holds the
   * other, gives the capability.
   */
  alsoNeeds?: Ask[];
  /** The right leads to the finding's access through another object (a pod that mounts Secrets). */
  indirect?: boolean;
  /**
   * The right lets the subject act as ServiceAccounts of the namespace it is asked in, so it is
   * as strong as the strongest of them: `any` (a pod may run as any of them), or the request
   * that names the account (resourceNames may limit it to some).
   */
  runsAs?: 'any' | Ask;
}

const RBAC = 'rbac.authorization.k8s.io';
const ask = (verb: string, group: string, resource: string, scope: Scope, sub?: string): Ask => ({
  verb,
  group,
  resource,
  ...(sub ? { subresource: sub } : {}),
  scope,
});
const verbs = (vs: string[], group: string, resource: string, scope: Scope, sub?: string) =>
  vs.map((v) => ask(v, group, resource, scope, sub));

// The signers whose certificates authenticate to the API server, and the wildcard that covers them.
const CLIENT_SIGNERS = [
  'kubernetes.io/kube-apiserver-client',
  'kubernetes.io/kube-apiserver-client-kubelet',
  'kubernetes.io/*',
];

/**
 * The questions every RBAC finding about rights comes from, after the Kubernetes documentation's
 * list of privilege-escalation paths (RBAC good practices). Verbs and resources are exact: `*`
 * in a question matches only a `*` in a rule, which is how "everything" is asked.
 */
export const CAPABILITIES: Capability[] = [
  {
    finding: 'rbac.cluster-admin',
    what: 'do everything (every verb on every resource of every API group)',
    asks: [ask('*', '*', '*', 'binding')],
  },
  {
    finding: 'rbac.escalation',
    namedCounts: true,
    what: 'impersonate users, groups or ServiceAccounts',
    runsAs: ask('impersonate', '', 'serviceaccounts', 'binding'),
    asks: [
      ask('impersonate', '', 'users', 'cluster'),
      ask('impersonate', '', 'groups', 'cluster'),
      ask('impersonate', '', 'serviceaccounts', 'binding'),
    ],
  },
  {
    finding: 'rbac.escalation',
    namedCounts: true,
    // Binding a ClusterRole in a RoleBinding is checked in the RoleBinding's namespace.
    what: 'bind roles they do not hold (bind)',
    namedRoleDecides: true,
    asks: [ask('bind', RBAC, 'roles', 'binding'), ask('bind', RBAC, 'clusterroles', 'binding')],
  },
  {
    finding: 'rbac.escalation',
    namedCounts: true,
    what: 'grant roles more than they hold (escalate)',
    asks: [
      ask('escalate', RBAC, 'roles', 'binding'),
      ask('escalate', RBAC, 'clusterroles', 'cluster'),
    ],
  },
  {
    finding: 'rbac.escalation',
    namedCounts: true,
    what: 'create or change role bindings for roles they do not hold (with bind or escalate)',
    asks: [
      ...verbs(['create', 'update', 'patch'], RBAC, 'rolebindings', 'binding'),
      ...verbs(['create', 'update', 'patch'], RBAC, 'clusterrolebindings', 'cluster'),
    ],
    // RBAC, "Restrictions on role binding creation or update": the API server accepts a binding
    // only from someone who holds every right of its role in that scope, or has `bind` on it.
    // Writing bindings alone hands out only rights the writer already has (the built-in admin
    // role delegates that way), so it is a path to more rights only with `bind`, or `escalate`
    // to grow a role first (a `*` verb on roles is both).
    alsoNeeds: [
      ask('bind', RBAC, 'roles', 'binding'),
      ask('bind', RBAC, 'clusterroles', 'binding'),
      ask('escalate', RBAC, 'roles', 'binding'),
      ask('escalate', RBAC, 'clusterroles', 'cluster'),
    ],
  },
  {
    finding: 'rbac.escalation',
    namedCounts: true,
    what: 'install admission webhooks (they see and may change every request)',
    asks: verbs(
      ['create', 'update', 'patch'],
      'admissionregistration.k8s.io',
      'mutatingwebhookconfigurations',
      'cluster',
    ).concat(
      verbs(
        ['create', 'update', 'patch'],
        'admissionregistration.k8s.io',
        'validatingwebhookconfigurations',
        'cluster',
      ),
    ),
  },
  {
    finding: 'rbac.escalation',
    namedCounts: true,
    what: 'approve certificate signing requests (mint client certificates for any user)',
    asks: verbs(
      ['update', 'patch'],
      'certificates.k8s.io',
      'certificatesigningrequests',
      'cluster',
      'approval',
    ),
    // Certificate Signing Requests, "Authorization": approving also takes `approve` on `signers`
    // named for the signer (or `<domain>/*`); the CertificateApproval admission plugin refuses the
    // approval without it. Only these signers' certificates log in to the API server (as any
    // user; as a node).
    alsoNeeds: CLIENT_SIGNERS.map((name) => ({
      ...ask('approve', 'certificates.k8s.io', 'signers', 'cluster'),
      name,
    })),
  },
  {
    finding: 'rbac.escalation',
    namedCounts: true,
    what: 'run commands in pods (exec or attach)',
    asks: [
      ask('create', '', 'pods', 'binding', 'exec'),
      ask('create', '', 'pods', 'binding', 'attach'),
    ],
    websocketGet: true,
    // A shell in a pod reads the ServiceAccount token mounted there (Configure Service Accounts
    // for Pods): it acts as the ServiceAccount of any pod of the namespace, as patching one does.
    runsAs: 'any',
  },
  {
    finding: 'rbac.escalation',
    namedCounts: true,
    // Reaches a pod's ports, not its files: no ServiceAccount token comes with it.
    what: 'forward ports of pods (port-forward)',
    asks: [ask('create', '', 'pods', 'binding', 'portforward')],
    websocketGet: true,
  },
  {
    finding: 'rbac.escalation',
    namedCounts: true,
    // kubectl debug adds a container to a running pod through this subresource; the container
    // can mount the pod's volumes (its ServiceAccount token too) and runs what it is told.
    what: 'add ephemeral containers to running pods (commands with their volumes and identity)',
    asks: verbs(['update', 'patch'], '', 'pods', 'binding', 'ephemeralcontainers'),
    runsAs: 'any',
  },
  {
    finding: 'rbac.escalation',
    namedCounts: true,
    what: 'reach the kubelet API through nodes/proxy (runs commands on any pod of a node)',
    asks: verbs(['get', 'create'], '', 'nodes', 'cluster', 'proxy'),
  },
  {
    finding: 'rbac.escalation',
    namedCounts: true,
    what: 'mint tokens for ServiceAccounts (serviceaccounts/token)',
    asks: [ask('create', '', 'serviceaccounts', 'binding', 'token')],
    runsAs: ask('create', '', 'serviceaccounts', 'binding', 'token'),
  },
  {
    finding: 'rbac.escalation',
    namedCounts: true,
    // RBAC good practices, "workload creation": creating or editing a pod, or any workload
    // resource that manages pods, in a namespace lets the pods run as any ServiceAccount there.
    // In kube-system those are the control plane's add-ons. Changing an existing object's pod
    // template (or a pod's image) runs new code as its ServiceAccount just the same.
    what: 'create or change pods or workloads in kube-system (they can run as its powerful ServiceAccounts)',
    asks: [
      ...verbs(['create', 'update', 'patch'], '', 'pods', 'kube-system'),
      ...verbs(['create', 'update', 'patch'], '', 'replicationcontrollers', 'kube-system'),
      ...['deployments', 'replicasets', 'statefulsets', 'daemonsets'].flatMap((r) =>
        verbs(['create', 'update', 'patch'], 'apps', r, 'kube-system'),
      ),
      ...['jobs', 'cronjobs'].flatMap((r) =>
        verbs(['create', 'update', 'patch'], 'batch', r, 'kube-system'),
      ),
    ],
  },
  {
    finding: 'rbac.escalation',
    namedCounts: true,
    // RBAC good practices, "namespace modification": a namespace's labels set its Pod Security
    // Admission level and which NetworkPolicies and other policies select it. A RoleBinding
    // answers for its own Namespace object (a request for namespaces/<ns> carries namespace <ns>).
    what: "change namespaces' labels (their Pod Security level and the policies that select them)",
    asks: verbs(['update', 'patch'], '', 'namespaces', 'binding'),
  },
  {
    finding: 'rbac.escalation',
    namedCounts: true,
    // RBAC good practices, "persistent volume creation": an arbitrary PersistentVolume may be a
    // hostPath one, which gives a pod bound to it the node's file system.
    what: 'create PersistentVolumes (a hostPath volume opens the node file system to a pod)',
    asks: [ask('create', '', 'persistentvolumes', 'cluster')],
  },
  {
    finding: 'rbac.secrets-read',
    what: 'read Secrets (tokens, passwords, keys)',
    // No name: a rule limited to named secrets does not answer these.
    asks: verbs(['get', 'list', 'watch'], '', 'secrets', 'binding'),
  },
  {
    // After the direct read too (it needs one). The token controller fills a Secret of type
    // kubernetes.io/service-account-token with a token of the account its annotation names
    // (Managing Service Accounts), so whoever creates and reads Secrets in a namespace mints a
    // token for any ServiceAccount there: "token request" in the RBAC good practices. A create
    // names no object, so no name counts; an escalation only where an account holds more.
    finding: 'rbac.secrets-read',
    what: 'create service-account-token Secrets and read them (a token for any ServiceAccount there)',
    asks: [ask('create', '', 'secrets', 'binding')],
    alsoNeeds: verbs(['get', 'list', 'watch'], '', 'secrets', 'binding'),
    runsAs: 'any',
  },
  {
    // After the direct read, so a role with both is reported for the direct one only.
    finding: 'rbac.secrets-read',
    indirect: true,
    // RBAC good practices, "workload creation": users who can create or edit pods, or workload
    // resources that manage pods, in a namespace implicitly get its Secrets (a pod may mount any
    // Secret of its namespace as a volume or environment variables) and the API access of any
    // ServiceAccount there. Editing a workload's pod template (serviceAccountName, volumes) is
    // the same path as creating one; a pod's image may change in place, and it then runs new
    // code as that pod's ServiceAccount. Editing one named workload is enough, so names count (a
    // create names no object, so it is asked without one).
    what: 'create or change pods or workloads that manage pods',
    namedCounts: true,
    runsAs: 'any',
    asks: [
      ...verbs(['create', 'update', 'patch'], '', 'pods', 'binding'),
      ...verbs(['create', 'update', 'patch'], '', 'replicationcontrollers', 'binding'),
      ...['deployments', 'replicasets', 'statefulsets', 'daemonsets'].flatMap((r) =>
        verbs(['create', 'update', 'patch'], 'apps', r, 'binding'),
      ),
      ...['jobs', 'cronjobs'].flatMap((r) =>
        verbs(['create', 'update', 'patch'], 'batch', r, 'binding'),
      ),
    ],
  },
];
