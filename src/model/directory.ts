/** What an Entra directory object is, as the tool tells them apart. */
export type DirectoryKind = 'user' | 'group' | 'service-principal' | 'managed-identity';

/** One Entra object resolved by Microsoft Graph. */
export interface DirectoryEntry {
  id: string;
  kind: DirectoryKind;
  /** The display name. */
  name: string;
  /** A user's UPN. */
  upn?: string;
  /** A service principal's or managed identity's application id. */
  appId?: string;
  /** A group's members, nested groups' members included (absent when Graph did not say). */
  memberCount?: number;
  /** Whether a group can hold access (security-enabled); absent for non-groups. */
  securityEnabled?: boolean;
}

/** Names found for ids and UPNs (keys lower-case), and why some may be missing. */
export interface DirectoryLookup {
  found: ReadonlyMap<string, DirectoryEntry>;
  /** One line saying why names are not shown (no Graph rights, Graph failed), if so. */
  unresolved?: string;
}

/** Groups whose display name starts with what the operator typed. */
export type GroupSearch = { groups: DirectoryEntry[]; total: number } | { unavailable: string };

/** The tenant's directory as the session reads it (Microsoft Graph, cached for the session). */
export interface DirectoryReader {
  /** Resolves object ids and UPNs; never throws: a failure is `unresolved`. */
  resolve(names: readonly string[]): Promise<DirectoryLookup>;
  /** Groups whose display name starts with `prefix` (server-side), with member counts. */
  searchGroups(prefix: string): Promise<GroupSearch>;
  /** Whether `user` (object id or UPN) is in group `groupId`, nesting included; undefined = unknown. */
  isMember(user: string, groupId: string): Promise<boolean | undefined>;
}

/** The entry for an id or UPN, if resolved. */
export function entryOf(lookup: DirectoryLookup, name: string): DirectoryEntry | undefined {
  return lookup.found.get(name.trim().toLowerCase());
}

const KIND_WORDS: Record<DirectoryKind, string> = {
  user: 'user',
  group: 'group',
  'service-principal': 'service principal',
  'managed-identity': 'managed identity',
};

/**
 * `platform-admins (group, 4 members)`, `Jordan Reyes (user jordan@contoso.com)`; the UPN is left
 * out when it is the name already shown (`shown`).
 */
export function describeEntry(e: DirectoryEntry, shown?: string): string {
  const parts: string[] = [KIND_WORDS[e.kind]];
  if (e.upn && e.upn.toLowerCase() !== shown?.trim().toLowerCase())
    parts[0] = `${parts[0]} ${e.upn}`;
  if (e.appId) parts[0] = `${parts[0]}, app id ${e.appId}`;
  if (e.memberCount !== undefined)
    parts.push(`${e.memberCount} member${e.memberCount === 1 ? '' : 's'}`);
  if (e.kind === 'group' && e.securityEnabled === false) parts.push('not security-enabled');
  return `${e.name} (${parts.join(', ')})`;
}

/** The kinds a finding's principal may have: a directory kind, or not known (not resolved). */
export const SUBJECT_KINDS = [
  'user',
  'group',
  'service-principal',
  'managed-identity',
  'unknown',
] as const;

/** A finding's principal in JSON: who it is about, with the name when the directory said. */
export interface SubjectRef {
  kind: (typeof SUBJECT_KINDS)[number];
  /** The object id or UPN as the cluster or Azure names it. */
  id: string;
  name?: string;
}
