import type { DirectoryEntry } from '../model/directory.js';

/** A directory object as Graph returns it (the properties this tool reads). */
export interface GraphObject {
  '@odata.type'?: string;
  id?: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
  appId?: string | null;
  servicePrincipalType?: string | null;
  securityEnabled?: boolean | null;
}

/** A Graph user, group or service principal as a directory entry; undefined for other types. */
export function entryOfGraph(
  o: GraphObject,
  typeHint?: 'user' | 'group',
): DirectoryEntry | undefined {
  if (typeof o.id !== 'string') return undefined;
  const type = o['@odata.type'] ?? (typeHint ? `#microsoft.graph.${typeHint}` : '');
  const name = o.displayName ?? o.id;
  switch (type) {
    case '#microsoft.graph.user':
      return {
        id: o.id,
        kind: 'user',
        name,
        ...(o.userPrincipalName ? { upn: o.userPrincipalName } : {}),
      };
    case '#microsoft.graph.group':
      return {
        id: o.id,
        kind: 'group',
        name,
        ...(typeof o.securityEnabled === 'boolean' ? { securityEnabled: o.securityEnabled } : {}),
      };
    case '#microsoft.graph.servicePrincipal':
      return {
        id: o.id,
        kind:
          o.servicePrincipalType === 'ManagedIdentity' ? 'managed-identity' : 'service-principal',
        name,
        ...(o.appId ? { appId: o.appId } : {}),
      };
    default:
      return undefined;
  }
}

/** Splits `items` into runs of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
