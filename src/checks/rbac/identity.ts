import type { Subject } from '../../model/rbac.js';

/** Who is asking, as the authorizer sees it: a user name and the groups it belongs to. */
export interface Identity {
  /** '' when only groups are known (a question about "any member of group G"). */
  user: string;
  groups: string[];
}

/** The user name a ServiceAccount's tokens carry. */
export function serviceAccountUser(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/** The groups every ServiceAccount token carries besides its user name. */
export function serviceAccountGroups(namespace: string): string[] {
  return ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'];
}

/**
 * Whether a binding's subject is this identity (the authorizer's rule): a User by exact name, a
 * Group by membership, a ServiceAccount by its user name; a ServiceAccount without a namespace
 * takes the RoleBinding's, and in a ClusterRoleBinding names no one. Other kinds name no one.
 */
export function subjectApplies(s: Subject, id: Identity, bindingNamespace: string): boolean {
  switch (s.kind) {
    case 'User':
      return id.user === s.name;
    case 'Group':
      return id.groups.includes(s.name);
    case 'ServiceAccount': {
      const ns = s.namespace || bindingNamespace;
      return ns !== '' && id.user === serviceAccountUser(ns, s.name);
    }
    default:
      return false;
  }
}

/**
 * The identity a question about a subject asks for: the user alone, the group alone, or the
 * ServiceAccount with the groups its tokens carry. Undefined when the subject names no one.
 */
export function identityOf(s: Subject, bindingNamespace: string): Identity | undefined {
  switch (s.kind) {
    case 'User':
      return { user: s.name, groups: [] };
    case 'Group':
      return { user: '', groups: [s.name] };
    case 'ServiceAccount': {
      const ns = s.namespace || bindingNamespace;
      if (!ns) return undefined;
      return { user: serviceAccountUser(ns, s.name), groups: serviceAccountGroups(ns) };
    }
    default:
      return undefined;
  }
}
