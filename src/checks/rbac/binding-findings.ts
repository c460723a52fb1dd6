import type { Finding, Severity } from '../../model/finding.js';
import type { RbacEvaluator } from './evaluator.js';
import { identityOf, type Identity } from './identity.js';
import { describeRequest, type AccessRequest } from './match.js';
import { witness, wildcardGrants } from './probes.js';
import { capabilitiesOf, type Answer } from './questions.js';
import { stronger, type ReachedAccount, type ServiceAccountReach } from './service-accounts.js';
import {
  anonymousSubject,
  describeSubject,
  describeUser,
  entraPrincipal,
  isPersonSubject,
  subjectLabel,
} from './subjects.js';
import type { Binding } from './types.js';
import type { Subject } from '../../model/rbac.js';

/** The findings a binding's subject and role can raise. */
type BindingFindingId =
  | 'rbac.user-subject'
  | 'rbac.anonymous'
  | 'rbac.default-service-account'
  | 'rbac.all-service-accounts'
  | 'rbac.cluster-admin'
  | 'rbac.wildcard'
  | 'rbac.escalation'
  | 'rbac.secrets-read';

/** A finding, and the access question the API server can confirm it with (if it has one). */
export interface Checked {
  finding: Finding;
  ask?: { identity: Identity; request: AccessRequest };
}

/** What the checks need besides the binding. */
export interface CheckContext {
  evaluator: RbacEvaluator;
  /** Whether `get` opens exec/attach/port-forward too (WebSocket, before Kubernetes 1.35). */
  websocketGet: boolean;
  /** The role lists the API server refused (`roles`, `clusterroles`): their roles are unknown. */
  unreadRoles?: readonly string[];
  /** The rights of each namespace's ServiceAccounts, for rights that act as one of them. */
  accounts?: ServiceAccountReach;
  /** Namespace → its Pod Security enforce label, when read (`RbacFacts.podSecurityEnforce`). */
  podSecurityEnforce?: Record<string, string>;
}

/**
 * Whether a binding's role could not be seen because its list was refused: then it is unknown,
 * not missing (it may grant anything, cluster-admin included).
 */
export function roleUnread(ctx: CheckContext, b: Binding): boolean {
  if (ctx.evaluator.roles.rulesOfBinding(b) !== undefined) return false;
  const list = b.object.roleRef.kind === 'ClusterRole' ? 'clusterroles' : 'roles';
  return (ctx.unreadRoles ?? []).includes(list);
}

/** How far a binding reaches: everywhere, kube-system (as good as everywhere), or one namespace. */
type Reach = 'cluster' | 'kube-system' | 'namespace';

function reachOf(b: Binding): Reach {
  if (b.kind === 'ClusterRoleBinding') return 'cluster';
  return b.namespace === 'kube-system' ? 'kube-system' : 'namespace';
}

/** The binding a finding is about. */
export function bindingObject(b: Binding): NonNullable<Finding['object']> {
  return { kind: b.kind, name: b.name, ...(b.namespace ? { namespace: b.namespace } : {}) };
}

/**
 * The findings one binding gives one subject, each derived from questions asked of the evaluator
 * through that binding alone. `risky`: a dangerous right or a wildcard was found.
 */
export function subjectFindings(
  ctx: CheckContext,
  b: Binding,
  s: Subject,
): { items: Checked[]; risky: boolean } {
  const bindingNs = b.kind === 'RoleBinding' ? (b.namespace ?? '') : '';
  const identity = identityOf(s, bindingNs);
  if (!identity) return { items: [], risky: false };
  const reach = reachOf(b);
  const wide = reach !== 'namespace';
  const where = reach === 'cluster' ? 'across the whole cluster' : `in namespace ${b.namespace}`;
  const role = `${b.object.roleRef.kind} ${b.object.roleRef.name}`;
  const who = describeSubject(s, bindingNs);
  const items: Checked[] = [];
  const principal = entraPrincipal(s);
  const add = (
    id: BindingFindingId,
    severity: Severity,
    message: string,
    remediation: string,
    request: AccessRequest | undefined,
  ) =>
    items.push({
      finding: {
        id,
        severity,
        object: bindingObject(b),
        subject: subjectLabel(s, bindingNs),
        ...(principal ? { principal } : {}),
        message,
        remediation,
      },
      ...(request ? { ask: { identity, request } } : {}),
    });

  const example = witness(ctx.evaluator, identity, b);
  if (isPersonSubject(s))
    add(
      'rbac.user-subject',
      'medium',
      `${describeUser(s.name)} is bound directly to ${role} ${where}. Access granted to one person is hard to review and outlives role changes.`,
      'Bind an Entra group (by object id) instead and manage membership in Entra ID; this step can replace the user with a group.',
      example,
    );
  if (anonymousSubject(s) && example)
    add(
      'rbac.anonymous',
      'high',
      `${who} is bound to ${role} ${where}: anyone in it gets the role's rights (for example ${describeRequest(example)}).`,
      'Remove this subject and bind the specific groups that need the role.',
      example,
    );
  else if (anonymousSubject(s) && roleUnread(ctx, b))
    add(
      'rbac.anonymous',
      'medium',
      `${who} is bound to ${role} ${where}, whose rules could not be read (listing ${b.object.roleRef.kind === 'ClusterRole' ? 'ClusterRoles' : 'Roles'} was refused): whatever it grants goes to anyone in it.`,
      'Remove this subject and bind the specific groups that need the role; to judge what it grants, inspect with list rights on roles and clusterroles.',
      undefined,
    );
  else if (anonymousSubject(s))
    // A binding is authorised by its roleRef's name, looked up at each request: a role that is
    // missing or empty now (an aggregating role whose selectors pick nothing yet), or whose rules
    // are all on what a RoleBinding cannot grant, hands whatever it gains later to anyone, with
    // no change to this binding.
    add(
      'rbac.anonymous',
      'medium',
      (ctx.evaluator.roles.rulesOfBinding(b) ?? []).length > 0
        ? `${who} is bound to ${role} ${where}, which grants nothing there today: its rules are on cluster-scoped resources or non-resource URLs, which a RoleBinding does not grant. Whatever the role is given later on namespaced resources goes to anyone in it.`
        : `${who} is bound to ${role} ${where}, which grants nothing today: whatever that role holds once it is created or filled (by its author or the aggregation controller) goes to anyone in it.`,
      'Remove this subject and bind the specific groups that need the role.',
      undefined,
    );
  const every = everyAccountGrant(ctx, b, s);
  if (every)
    add(
      'rbac.all-service-accounts',
      every.severity,
      `${who} is bound to ${role} ${where}: every pod that mounts a ServiceAccount token holds ${every.what}${example ? ` (for example ${describeRequest(example)})` : ''}. Kubernetes discourages granting a role to all ServiceAccounts.`,
      'Bind the role to the ServiceAccounts of the workloads that need it (kubectl create rolebinding --serviceaccount=<ns>:<name>) instead of the group.',
      example,
    );
  if (s.kind === 'ServiceAccount' && s.name === 'default' && example)
    add(
      'rbac.default-service-account',
      'medium',
      `The default ServiceAccount ${s.namespace || bindingNs}/default is bound to ${role} ${where}: every pod in that namespace without its own ServiceAccount gets these rights.`,
      'Create a dedicated ServiceAccount for the workload that needs the role and bind that instead.',
      example,
    );

  const answers = capabilitiesOf(ctx.evaluator, identity, b, ctx.websocketGet);
  const found = (f: Answer['capability']['finding']) =>
    answers.filter((a) => a.capability.finding === f);
  const everything = found('rbac.cluster-admin')[0];
  if (everything) {
    add(
      'rbac.cluster-admin',
      wide ? 'high' : 'medium',
      `${who}: full control ${where} through ${role}.`,
      wide
        ? 'Keep cluster-admin for the Entra admin group of the cluster; grant narrower roles (admin/edit in a namespace) to everyone else.'
        : 'Use the built-in admin or edit ClusterRole for namespace owners instead of cluster-admin.',
      everything.request,
    );
    return { items, risky: true };
  }
  const wildcards = wildcardGrants(ctx.evaluator, identity, b);
  if (wildcards.length > 0)
    add(
      'rbac.wildcard',
      wide ? 'medium' : 'low',
      `${who}: ${role} grants wildcards ${where}: ${wildcards.map((w) => w.text).join('; ')}. Wildcards also grant resources and verbs added later.`,
      'List the verbs and resources the subjects need.',
      wildcards[0]!.request,
    );
  const actsAs = accountReached(ctx, identity, b, answers);
  const node = nodeAccess(ctx, b, found('rbac.secrets-read'));
  // Creating workloads is a path to more rights only where a ServiceAccount holds more.
  const escalations = found('rbac.escalation')
    .concat(actsAs && actsAs.via.capability.finding !== 'rbac.escalation' ? [actsAs.via] : [])
    .concat(node ? [node] : []);
  if (escalations.length > 0)
    add(
      'rbac.escalation',
      wide || actsAs?.account.severity === 'high' ? 'high' : 'medium',
      `${who}: through ${role} can ${escalations.map(capabilityText).join('; ')} ${where}, a path to more rights than the role grants${actsAs ? `: it can run as ServiceAccount ${actsAs.account.account}, which ${actsAs.account.rights}` : ''}.`,
      actsAs
        ? `Remove these rights, or give ServiceAccount ${actsAs.account.account} only what its workload needs (or move it to a namespace of its own): whoever creates pods or tokens in its namespace holds its rights.`
        : 'Remove these rights unless the subject administers access; prefer a group bound to admin in one namespace.',
      escalations[0]!.request,
    );
  const secrets = found('rbac.secrets-read')[0];
  if (secrets && secrets.capability.indirect)
    add(
      'rbac.secrets-read',
      wide ? 'high' : 'low',
      `${who}: through ${role} can read Secrets ${where} indirectly (tokens, passwords, keys): it may ${describeRequest(secrets.request)}, and a pod can mount any Secret of its namespace as a file or environment variable, even without get or list on Secrets.`,
      'Keep Secrets this subject should not see out of the namespaces where it creates workloads (or in Key Vault with the CSI driver); remove create, update and patch on pods and workload resources if it does not deploy.',
      secrets.request,
    );
  else if (secrets)
    add(
      'rbac.secrets-read',
      wide ? 'high' : 'low',
      `${who}: through ${role} can read Secrets ${where} (tokens, passwords, keys).`,
      wide
        ? 'Grant secret reads per namespace, or use Key Vault with the CSI driver.'
        : 'Limit it to named secrets (resourceNames) if the workload needs only a few.',
      secrets.request,
    );
  return { items, risky: answers.length > 0 || wildcards.length > 0 };
}

/**
 * The strongest ServiceAccount a binding lets the subject act as (by a capability marked
 * `runsAs`), with the answer that gives it: in the RoleBinding's namespace, or in any namespace.
 */
function accountReached(
  ctx: CheckContext,
  id: Identity,
  b: Binding,
  answers: Answer[],
): { via: Answer; account: ReachedAccount } | undefined {
  const accounts = ctx.accounts;
  if (!accounts) return undefined;
  const spaces = b.kind === 'RoleBinding' ? [b.namespace ?? ''] : accounts.namespaces();
  let best: { via: Answer; account: ReachedAccount } | undefined;
  for (const via of answers) {
    const runsAs = via.capability.runsAs;
    if (!runsAs) continue;
    for (const ns of spaces) {
      const pick =
        runsAs === 'any'
          ? undefined
          : (name: string) => {
              const { scope: _scope, ...request } = runsAs;
              return ctx.evaluator.can(id, { ...request, namespace: ns, name }, [b]);
            };
      const account = accounts.strongest(ns, pick);
      if (account && stronger(best?.account, account) === account) best = { via, account };
    }
  }
  return best;
}

const READ_VERBS = new Set(['get', 'list', 'watch']);
// Pod Security levels that refuse privileged, host-namespace and hostPath pods.
const POD_SECURITY_GUARDS = new Set(['baseline', 'restricted']);

/**
 * Creating pods, or workloads whose template makes them, where no Pod Security baseline or
 * restricted level is enforced: a privileged or hostPath pod takes its node (RBAC good practices,
 * "workload creation"). Only a level read on the namespace's label spares it; unread is not
 * enforced. A ClusterRoleBinding reaches every namespace, so one without the label is enough.
 */
function nodeAccess(ctx: CheckContext, b: Binding, reads: Answer[]): Answer | undefined {
  const via = reads.find(
    (a) => a.capability.indirect && (a.request.verb === 'create' || a.request.resource !== 'pods'),
  );
  if (!via) return undefined;
  const labels = ctx.podSecurityEnforce;
  const guarded = (ns: string) => POD_SECURITY_GUARDS.has(labels?.[ns]?.trim() ?? '');
  if (b.kind === 'RoleBinding' && labels && guarded(b.namespace ?? '')) return undefined;
  const where = b.kind === 'RoleBinding' ? 'there' : 'in a namespace';
  return {
    request: via.request,
    capability: {
      ...via.capability,
      finding: 'rbac.escalation',
      what: `run privileged or hostPath pods ${where} (no Pod Security baseline or restricted level is known to be enforced), which gives node access: every pod's token on the node and the kubelet's credentials`,
    },
  };
}

/**
 * A grant to ServiceAccounts beyond one namespace's own (RBAC documentation, "ServiceAccount
 * permissions": a role for all ServiceAccounts cluster-wide is discouraged): the group of every
 * ServiceAccount, anywhere, or one namespace's group in a ClusterRoleBinding. Rated by the role:
 * any verb beyond get, list and watch is high cluster-wide (medium in one namespace), reads are
 * medium (low); a role that grants nothing today is low. A namespace's group bound in its own
 * namespace is the documented pattern, and Kubernetes' own default for the group
 * (service-account-issuer-discovery) is left out before these checks.
 */
function everyAccountGrant(
  ctx: CheckContext,
  b: Binding,
  s: Subject,
): { severity: Severity; what: string } | undefined {
  if (s.kind !== 'Group') return undefined;
  const all = s.name === 'system:serviceaccounts';
  const oneNamespace = s.name.startsWith('system:serviceaccounts:');
  if (!all && !(oneNamespace && b.kind === 'ClusterRoleBinding')) return undefined;
  const rules = ctx.evaluator.roles.effectiveRulesOfBinding(b);
  const cluster = b.kind === 'ClusterRoleBinding';
  if (rules === undefined && roleUnread(ctx, b))
    return { severity: 'medium', what: 'whatever the role grants (it could not be read)' };
  if (rules === undefined || rules.length === 0)
    return { severity: 'low', what: 'whatever the role is given later (it grants nothing today)' };
  const writes = rules.some((r) => (r.verbs ?? []).some((v) => !READ_VERBS.has(v)));
  if (writes)
    return { severity: cluster ? 'high' : 'medium', what: "the role's rights, writes included" };
  return { severity: cluster ? 'medium' : 'low', what: "the role's read rights" };
}

/** What a capability lets the subject do, naming the object when only named ones are granted. */
function capabilityText(a: Answer): string {
  return a.request.name
    ? `${a.capability.what}, for the object named ${a.request.name} at least`
    : a.capability.what;
}
