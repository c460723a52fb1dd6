import type { RbacEvaluator } from './evaluator.js';
import type { Identity } from './identity.js';
import { isNonResource, ruleAllows, type AccessRequest, type ResourceRequest } from './match.js';
import type { Binding } from './types.js';
import type { PolicyRule } from '../../model/rbac.js';

// Questions whose candidates come from the binding's own rules, answered by the evaluator.

function namespaceOf(b: Binding): string {
  return b.kind === 'RoleBinding' ? (b.namespace ?? '') : '';
}

/** `pods/exec` as resource `pods`, subresource `exec`. */
function split(entry: string): { resource: string; subresource?: string } {
  const slash = entry.indexOf('/');
  return slash < 0
    ? { resource: entry }
    : { resource: entry.slice(0, slash), subresource: entry.slice(slash + 1) };
}

/** Concrete requests one rule is written for (first verb, group, resource, name). */
function candidates(rule: PolicyRule, namespace: string): AccessRequest[] {
  const verb = rule.verbs?.[0];
  if (verb === undefined) return [];
  const urls = (rule.nonResourceURLs ?? []).map((path) => ({ verb, path }));
  const group = rule.apiGroups?.[0];
  const resource = rule.resources?.[0];
  if (group === undefined || resource === undefined) return urls;
  const name = rule.resourceNames?.[0];
  const request: ResourceRequest = { verb, group, ...split(resource), namespace };
  return [name !== undefined ? { ...request, name } : request, ...urls];
}

/**
 * One request the binding really lets `id` make (checked by the evaluator), or undefined when it
 * grants nothing that takes effect (e.g. non-resource URLs in a RoleBinding, a rule naming no verb).
 */
export function witness(
  evaluator: RbacEvaluator,
  id: Identity,
  binding: Binding,
): AccessRequest | undefined {
  const ns = namespaceOf(binding);
  for (const rule of evaluator.roles.effectiveRulesOfBinding(binding) ?? [])
    for (const request of candidates(rule, ns))
      if (evaluator.can(id, request, [binding])) return request;
  return undefined;
}

/** A wildcard grant, as a person reads it, with the request that proves it. */
export interface WildcardGrant {
  text: string;
  request: AccessRequest;
}

/**
 * Wildcard grants a binding gives `id`: every verb on a resource, or a verb on every resource of a
 * group; every verb on a non-resource URL, or a verb on every one of them. Asked with `*` itself,
 * which only a `*` in a rule answers (a rule limited to named objects does not: it is not a
 * wildcard over the kind). Non-resource URLs count only cluster-wide: a RoleBinding never
 * grants them.
 */
export function wildcardGrants(
  evaluator: RbacEvaluator,
  id: Identity,
  binding: Binding,
): WildcardGrant[] {
  const namespace = namespaceOf(binding);
  // Through this one binding `id` gets either all of its rules or none (it does not apply to
  // `id`, or not here); which wildcards those rules grant depends on the rules alone.
  const effective = evaluator.rulesFor(id, namespace, [binding]);
  const rules = evaluator.roles.effectiveRulesOfBinding(binding);
  if (effective.length === 0 || !rules) return [];
  return wildcardsOf(rules).flatMap((g) =>
    isNonResource(g.request)
      ? binding.kind === 'RoleBinding'
        ? []
        : [g]
      : [{ ...g, request: { ...g.request, namespace } }],
  );
}

/** The wildcard grants of a list of rules, as a person reads them (`every verb on pods`). */
export function wildcardTexts(rules: PolicyRule[]): string[] {
  return wildcardsOf(rules).map((g) => g.text);
}

// Per rules list (roles share theirs across bindings): thousands of bindings of one ClusterRole
// are worked out once, not once each.
const granted = new WeakMap<PolicyRule[], WildcardGrant[]>();

function wildcardsOf(rules: PolicyRule[]): WildcardGrant[] {
  const known = granted.get(rules);
  if (known) return known;
  const asks = new Map<string, WildcardGrant>();
  for (const rule of rules) {
    for (const group of rule.apiGroups ?? []) {
      const on = group === '' ? '' : group === '*' ? ' in every API group' : ` (${group})`;
      for (const resource of rule.resources ?? []) {
        const request = { verb: '*', group, ...split(resource) };
        const text = `every verb on ${resource === '*' ? 'every resource' : resource}${on}`;
        asks.set(text, { text, request });
      }
      for (const verb of rule.verbs ?? []) {
        const request = { verb, group, resource: '*' };
        const text = `${verb === '*' ? 'every verb' : verb} on every resource${on}`;
        asks.set(text, { text, request });
      }
    }
    for (const url of rule.nonResourceURLs ?? []) {
      // `*` and `/*` match every path (RBAC: a trailing `*` is a prefix match).
      if (url === '*' || url === '/*') {
        for (const verb of rule.verbs ?? []) {
          const text = `${verb === '*' ? 'every verb' : verb} on every non-resource URL`;
          asks.set(text, { text, request: { verb, path: '/*' } });
        }
      } else {
        const text = `every verb on non-resource URL ${url}`;
        asks.set(text, { text, request: { verb: '*', path: url } });
      }
    }
  }
  const found = [...asks.values()].filter((g) => rules.some((r) => ruleAllows(r, g.request)));
  granted.set(rules, found);
  return found;
}
