import type { PolicyRule } from '../../model/rbac.js';

/** A request on an API resource, in the authorizer's terms (verb, group, resource[/sub], name, namespace). */
export interface ResourceRequest {
  verb: string;
  /** API group; '' is the core group. */
  group: string;
  resource: string;
  subresource?: string;
  /** Absent or '' for requests without a name (list, watch, create, "any object"). */
  name?: string;
  /** Absent or '' for cluster-scoped requests and requests across all namespaces. */
  namespace?: string;
}

/** A request on a path outside the resource API (`/healthz`, `/metrics`). */
export interface NonResourceRequest {
  verb: string;
  path: string;
}

/** What the authorizer is asked about. */
export type AccessRequest = ResourceRequest | NonResourceRequest;

/** Whether a request is on a path rather than a resource. */
export function isNonResource(r: AccessRequest): r is NonResourceRequest {
  return 'path' in r;
}

// The matchers follow the RBAC authorizer's own: `*` is a wildcard only as a whole entry, except
// `*/sub` (any resource's subresource `sub`) and a trailing `*` on a non-resource URL. Nothing
// else is a pattern: `pods/*` names no subresource of pods (Kubernetes chose not to support it),
// so it matches only a request whose resource is literally `pods/*`.

function verbMatches(rule: PolicyRule, verb: string): boolean {
  return (rule.verbs ?? []).some((v) => v === '*' || v === verb);
}

function groupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === '*' || g === group);
}

function resourceMatches(rule: PolicyRule, resource: string, subresource: string): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  return (rule.resources ?? []).some(
    (r) => r === '*' || r === combined || (subresource !== '' && r === `*/${subresource}`),
  );
}

/** An empty list allows every name; a list allows only those names (so never a nameless request). */
function nameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

function urlMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some(
    (u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.replace(/\*+$/, ''))),
  );
}

/** Whether one PolicyRule allows the request. */
export function ruleAllows(rule: PolicyRule, request: AccessRequest): boolean {
  if (!verbMatches(rule, request.verb)) return false;
  if (isNonResource(request)) return urlMatches(rule, request.path);
  return (
    groupMatches(rule, request.group) &&
    resourceMatches(rule, request.resource, request.subresource ?? '') &&
    nameMatches(rule, request.name ?? '')
  );
}

/** `create pods/exec in shop`, `get /metrics`: a request as a person reads it. */
export function describeRequest(r: AccessRequest): string {
  if (isNonResource(r)) return `${r.verb} ${r.path}`;
  const what = r.subresource ? `${r.resource}/${r.subresource}` : r.resource;
  const group = r.group && r.group !== '*' ? `.${r.group}` : r.group === '*' ? ' (any group)' : '';
  const name = r.name ? ` named ${r.name}` : '';
  return `${r.verb} ${what}${group}${name}${r.namespace ? ` in ${r.namespace}` : ''}`;
}
