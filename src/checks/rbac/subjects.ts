import { isGuid } from '../../model/guid.js';
import type { Subject } from '../../model/rbac.js';
import type { SubjectRef } from '../../model/directory.js';

/** What a `kind: User` subject name is, as Entra ID on AKS sends it. */
export type UserNameKind = 'upn' | 'guest' | 'object-id' | 'other';

/**
 * Classifies a user name: a guest's UPN carries `#EXT#`; a member's UPN looks like an e-mail;
 * service principals, managed identities and many guests arrive as object ids; anything else
 * (local accounts, certificate names) is `other`.
 */
export function classifyUser(name: string): UserNameKind {
  if (name.includes('#EXT#')) return 'guest';
  if (isGuid(name.trim())) return 'object-id';
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(name)) return 'upn';
  return 'other';
}

/** How a user name reads in a finding. */
export function describeUser(name: string): string {
  switch (classifyUser(name)) {
    case 'upn':
      return `user ${name} (Entra member, by UPN)`;
    case 'guest':
      return `guest user ${name} (Entra guest, #EXT# UPN)`;
    case 'object-id':
      return `object id ${name} (an Entra user, service principal or managed identity)`;
    case 'other':
      return `user ${name} (not an Entra name: a local or certificate identity)`;
  }
}

/** `User alice@contoso.com`, `ServiceAccount ns/name`, for messages. */
export function subjectLabel(s: Subject, bindingNamespace?: string): string {
  if (s.kind === 'ServiceAccount')
    return `ServiceAccount ${s.namespace ?? bindingNamespace ?? ''}/${s.name}`;
  return `${s.kind} ${s.name}`;
}

/** Subjects that mean "anyone": unauthenticated callers or every signed-in identity. */
export function anonymousSubject(s: Subject): boolean {
  return (
    (s.kind === 'User' && s.name === 'system:anonymous') ||
    (s.kind === 'Group' &&
      (s.name === 'system:unauthenticated' || s.name === 'system:authenticated'))
  );
}

/** A subject in a sentence, saying who it really covers when its name does not show it. */
export function describeSubject(s: Subject, bindingNamespace?: string): string {
  const label = subjectLabel(s, bindingNamespace);
  if (s.kind === 'Group') {
    if (s.name === 'system:serviceaccounts')
      return `${label} (every ServiceAccount in the cluster, so any pod)`;
    if (s.name.startsWith('system:serviceaccounts:'))
      return `${label} (every ServiceAccount in namespace ${s.name.slice('system:serviceaccounts:'.length)})`;
    if (s.name === 'system:authenticated') return `${label} (every signed-in identity)`;
    if (s.name === 'system:unauthenticated') return `${label} (callers without credentials)`;
  }
  if (s.kind === 'User') {
    const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(s.name);
    if (sa) return `${label} (ServiceAccount ${sa[1]}/${sa[2]}, named as a user)`;
    if (s.name === 'system:anonymous') return `${label} (callers without credentials)`;
  }
  return label;
}

// Kubernetes' own user names (RBAC, "Default roles and role bindings" and "Referring to
// subjects"): the control plane's components, anonymous callers (rbac.anonymous), nodes and
// ServiceAccounts named as users. The `system:` prefix is reserved, not proof: any other name
// with it is a certificate or token identity someone chose, bound directly like any user.
const KUBERNETES_USERS = new Set([
  'system:anonymous',
  'system:apiserver',
  'system:kube-controller-manager',
  'system:kube-scheduler',
  'system:kube-proxy',
]);
const KUBERNETES_USER_PATTERNS = [/^system:node:[^:]+$/, /^system:serviceaccount:[^:]+:[^:]+$/];

/** Whether a user name is one of Kubernetes' own identities (exact names and node/SA patterns). */
export function isKubernetesUser(name: string): boolean {
  return KUBERNETES_USERS.has(name) || KUBERNETES_USER_PATTERNS.some((p) => p.test(name));
}

/** A person or identity bound by name, for whom an Entra group is the better subject. */
export function isPersonSubject(s: Subject): boolean {
  return s.kind === 'User' && !isKubernetesUser(s.name);
}

/**
 * The Entra identity a subject names, for the directory to resolve: a user by UPN (member or
 * guest), an object id (user, service principal or managed identity: not known until resolved),
 * or a group by object id. Undefined for Kubernetes and local identities.
 */
export function entraPrincipal(s: Subject): SubjectRef | undefined {
  const id = s.name.trim();
  if (s.kind === 'Group') return isGuid(id) ? { kind: 'group', id } : undefined;
  if (s.kind !== 'User' || id.startsWith('system:')) return undefined;
  switch (classifyUser(id)) {
    case 'upn':
    case 'guest':
      return { kind: 'user', id };
    case 'object-id':
      return { kind: 'unknown', id };
    case 'other':
      return undefined;
  }
}
