import type { RbacEvaluator } from './evaluator.js';
import type { Identity } from './identity.js';
import { ruleAllows, type ResourceRequest } from './match.js';
import type { PolicyRule } from '../../model/rbac.js';
import type { Binding } from './types.js';
import { namespaceRules } from './cluster-scoped.js';
import { CAPABILITIES, type Ask, type Capability, type Scope } from './capabilities.js';

/** A capability a binding gives a subject, with the first request that proved it. */
export interface Answer {
  capability: Capability;
  request: ResourceRequest;
}

/** The namespace a question is asked in, for a binding: RoleBindings answer only in theirs. */
export function namespaceFor(scope: Scope, b: Binding): string {
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
  // A bind through a RoleBinding makes RoleBindings of its namespace: they grant only its part.
  const granted = (rules: PolicyRule[]) =>
    b.kind === 'RoleBinding' ? namespaceRules(rules) : rules;
  return ruleSets.some((rules) => rules === undefined || grantsAnyCapability(granted(rules)));
}

/** Whether rules answer any capability's question (named objects counted as for a binding). */
function grantsAnyCapability(rules: readonly PolicyRule[]): boolean {
  return capabilitiesInRules(rules).length > 0;
}

/**
 * The capabilities whose questions `rules` answer, wherever bound (named objects counted as for a
 * binding; either half of a two-right capability; `get` on pod subresources counted).
 */
export function capabilitiesInRules(rules: readonly PolicyRule[]): Capability[] {
  const names = [...new Set(rules.flatMap((rule) => rule.resourceNames ?? []))];
  return CAPABILITIES.filter((c) => {
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
