import type { RbacEvaluator } from './evaluator.js';
import type { Identity } from './identity.js';
import { ruleAllows, type ResourceRequest } from './match.js';
import type { PolicyRule } from '../../model/rbac.js';
import type { Binding } from './types.js';

/** Where a question is asked: cluster scope, the binding's own scope, or kube-system. */
type Scope = 'cluster' | 'binding' | 'kube-system';

type Ask = Omit<ResourceRequest, 'namespace'> & { scope: Scope };

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
const CAPABILITIES: Capability[] = [
  {
    finding: 'rbac.cluster-admin',
    what: 'do everything (every verb on every resource of every API group)',
    asks: [ask('*', '*', '*', 'binding')],
  },
  {
    finding: 'rbac.escalation',
    namedCounts: true,
    what: 'impersonate users, groups or ServiceAccounts',
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
    what: 'create or change role bindings',
    asks: [
      ...verbs(['create', 'update', 'patch'], RBAC, 'rolebindings', 'binding'),
      ...verbs(['create', 'update', 'patch'], RBAC, 'clusterrolebindings', 'cluster'),
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
    what: 'run commands in pods (exec, attach or port-forward)',
    asks: [
      ask('create', '', 'pods', 'binding', 'exec'),
      ask('create', '', 'pods', 'binding', 'attach'),
      ask('create', '', 'pods', 'binding', 'portforward'),
    ],
    websocketGet: true,
  },
  {
    finding: 'rbac.escalation',
    namedCounts: true,
    // kubectl debug adds a container to a running pod through this subresource; the container
    // can mount the pod's volumes (its ServiceAccount token too) and runs what it is told.
    what: 'add ephemeral containers to running pods (commands with their volumes and identity)',
    asks: verbs(['update', 'patch'], '', 'pods', 'binding', 'ephemeralcontainers'),
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
];

/** A capability a binding gives a subject, with the first request that proved it. */
export interface Answer {
  capability: Capability;
  request: ResourceRequest;
}

/** The namespace a question is asked in, for a binding: RoleBindings answer only in theirs. */
function namespaceFor(scope: Scope, b: Binding): string {
  if (scope === 'cluster') return '';
  if (scope === 'kube-system') return 'kube-system';
  return b.kind === 'RoleBinding' ? (b.namespace ?? '') : '';
}

// A create names no object unless it is on a subresource (exec, token: the parent's name), and
// deletecollection never does, so resourceNames can never allow those (RBAC documentation).
function takesName(a: Ask): boolean {
  if (a.verb === 'deletecollection') return false;
  return a.verb !== 'create' || a.subresource !== undefined;
}

/**
 * The questions of a capability as concrete requests for a binding (and the cluster's version):
 * unnamed first, then, when named objects count, once per name the binding's rules list.
 */
function requestsFor(
  c: Capability,
  b: Binding,
  websocketGet: boolean,
  names: readonly string[],
): ResourceRequest[] {
  const asks =
    c.websocketGet && websocketGet
      ? [...c.asks, ...c.asks.map((a) => ({ ...a, verb: 'get' }))]
      : c.asks;
  const named = c.namedCounts
    ? asks.filter(takesName).flatMap((a) => names.map((name) => ({ ...a, name })))
    : [];
  return [...asks, ...named].map(({ scope, ...r }) => ({
    ...r,
    namespace: namespaceFor(scope, b),
  }));
}

/** Every capability `binding` gives `id`, asked of the evaluator through that binding alone. */
export function capabilitiesOf(
  evaluator: RbacEvaluator,
  id: Identity,
  binding: Binding,
  websocketGet: boolean,
  /**
   * `either`: one half of a two-right capability is enough (a role judged for whoever may be
   * bound to it, who may hold the other half already); `both` (default): the subject's own rights.
   */
  halves: 'both' | 'either' = 'both',
): Answer[] {
  const names = [
    ...new Set(
      (evaluator.roles.rulesOfBinding(binding) ?? []).flatMap((r) => r.resourceNames ?? []),
    ),
  ];
  return CAPABILITIES.flatMap((capability): Answer[] => {
    const requests = requestsFor(capability, binding, websocketGet, names);
    if (capability.alsoNeeds)
      return bothHalves(evaluator, id, binding, capability, requests, halves === 'either');
    const request = capability.namedRoleDecides
      ? requests.find(
          (r) =>
            evaluator.can(id, r, [binding]) && (!r.name || namedRoleRisky(evaluator, r, binding)),
        )
      : requests.find((r) => evaluator.can(id, r, [binding]));
    return request ? [{ capability, request }] : [];
  });
}

/**
 * A capability of two rights: the subject must hold both (through any of its bindings, this one
 * included even when the cluster's list does not hold it), and this binding must give one of
 * them; with `either`, this binding giving one is enough. The answer names the request this
 * binding gives.
 */
function bothHalves(
  evaluator: RbacEvaluator,
  id: Identity,
  binding: Binding,
  capability: Capability,
  requests: ResourceRequest[],
  either: boolean,
): Answer[] {
  const second = (capability.alsoNeeds ?? []).map(({ scope, ...r }) => ({
    ...r,
    namespace: namespaceFor(scope, binding),
  }));
  // Most bindings give neither half: decided through this binding alone, before any wider look.
  const request = [...requests, ...second].find((r) => evaluator.can(id, r, [binding]));
  if (!request) return [];
  if (either) return [{ capability, request }];
  const holds = (who: Identity, list: ResourceRequest[]) => list.some((r) => evaluator.can(who, r));
  const own = (list: ResourceRequest[]) =>
    holds(id, list) || list.some((r) => evaluator.can(id, r, [binding]));
  if (own(requests) && own(second)) return [{ capability, request }];
  // A group holding both halves already gives the capability by itself: its members need nothing
  // from this binding, so only groups holding at most one half widen who this binding completes.
  const partial = (g: string) => {
    const members = { user: '', groups: [g] };
    return !(holds(members, requests) && holds(members, second));
  };
  const holder = reachableAs(evaluator, id, partial);
  const anywhere = (list: ResourceRequest[]) =>
    holds(holder, list) || list.some((r) => evaluator.can(id, r, [binding]));
  return anywhere(requests) && anywhere(second) ? [{ capability, request }] : [];
}

// Groups whose members are known: ServiceAccounts, nodes, callers without credentials.
const CLOSED_GROUPS = /^system:(serviceaccounts(:.*)?|nodes|unauthenticated)$/;

/**
 * The identity with every group it may be in, for a second right held elsewhere: a signed-in user
 * or group is in system:authenticated, and a person may be in any group a binding names (RBAC
 * does not say who is); only the groups `counts` keeps. A ServiceAccount's groups are known.
 */
function reachableAs(
  evaluator: RbacEvaluator,
  id: Identity,
  counts: (group: string) => boolean,
): Identity {
  if (id.user.startsWith('system:serviceaccount:')) return id;
  const anonymous = id.user === 'system:anonymous' || id.groups.includes('system:unauthenticated');
  if (anonymous) return id;
  const open = evaluator.groupSubjects().filter((g) => !CLOSED_GROUPS.test(g));
  const extra = ['system:authenticated', ...open].filter(
    (g) => !id.groups.includes(g) && counts(g),
  );
  return { user: id.user, groups: [...new Set([...id.groups, ...extra])] };
}

/**
 * Whether the role a named `bind` request points at is one a binding to it would be a finding
 * for, or cannot be seen (missing now: whoever creates it decides what it grants).
 */
function namedRoleRisky(evaluator: RbacEvaluator, r: ResourceRequest, b: Binding): boolean {
  const name = r.name ?? '';
  // Cluster-wide bind on Roles named X reaches X in every namespace, those not created yet too.
  if (r.resource !== 'clusterroles' && b.kind !== 'RoleBinding') return true;
  const ruleSets =
    r.resource === 'clusterroles'
      ? [evaluator.roles.clusterRoleRules(name)]
      : evaluator.roles.rolesNamed(name, b.namespace ?? '');
  if (ruleSets.length === 0) return true;
  return ruleSets.some((rules) => rules === undefined || grantsAnyCapability(rules));
}

/** Whether rules answer any capability's question (named objects counted as for a binding). */
function grantsAnyCapability(rules: readonly PolicyRule[]): boolean {
  const names = [...new Set(rules.flatMap((rule) => rule.resourceNames ?? []))];
  return CAPABILITIES.some((c) => {
    // Either half of a two-right capability counts: who is bound may hold the other already.
    const own = [...c.asks, ...(c.alsoNeeds ?? [])];
    const asks = c.websocketGet ? [...own, ...own.map((a) => ({ ...a, verb: 'get' }))] : own;
    const named = c.namedCounts
      ? asks.filter(takesName).flatMap((a) => names.map((name) => ({ ...a, name })))
      : [];
    // A named bind inside the role counts as risky here (no recursion through roles).
    return [...asks, ...named].some(({ scope: _scope, ...req }) =>
      rules.some((rule) => ruleAllows(rule, req)),
    );
  });
}
