import { entraPrincipal } from '../../checks/rbac/subjects.js';
import { allBindings, type RbacFacts } from '../../checks/rbac/types.js';
import {
  describeEntry,
  entryOf,
  type DirectoryLookup,
  type DirectoryReader,
  type SubjectRef,
} from '../../model/directory.js';
import type { Finding } from '../../model/finding.js';
import type { AzureRbacFacts } from '../../model/azure-rbac.js';

/** Why names are not looked up when the connection has no directory. */
export const NO_DIRECTORY =
  'Names not shown (Entra object ids only): the cluster was not named by its Azure coordinates, so there is no Azure sign-in to read Microsoft Graph with (add --subscription, -g and -n).';

/**
 * Every Entra identity the bindings, the cluster's admin groups and the Azure role assignments
 * name, each once, in order.
 */
export function entraIdentities(facts: RbacFacts, azure?: AzureRbacFacts): SubjectRef[] {
  const seen = new Map<string, SubjectRef>();
  for (const id of facts.cluster?.adminGroupObjectIDs ?? [])
    seen.set(id.toLowerCase(), { kind: 'group', id });
  for (const b of allBindings(facts))
    for (const s of b.object.subjects ?? []) {
      const p = entraPrincipal(s);
      if (p && !seen.has(p.id.toLowerCase())) seen.set(p.id.toLowerCase(), p);
    }
  for (const a of azure?.assignments ?? [])
    if (!seen.has(a.principalId.toLowerCase()))
      seen.set(a.principalId.toLowerCase(), {
        kind:
          a.principalType === 'User' ? 'user' : a.principalType === 'Group' ? 'group' : 'unknown',
        id: a.principalId,
      });
  return [...seen.values()];
}

/** Looks the identities up; without a directory, nothing found and the reason. */
export async function lookUp(
  directory: DirectoryReader | undefined,
  who: readonly SubjectRef[],
): Promise<DirectoryLookup> {
  if (who.length === 0) return { found: new Map() };
  if (!directory) return { found: new Map(), unresolved: NO_DIRECTORY };
  return directory.resolve(who.map((p) => p.id));
}

/** `jordan@contoso.com (Jordan Reyes, user)`, or the id alone when not resolved. */
export function named(id: string, lookup: DirectoryLookup): string {
  const e = entryOf(lookup, id);
  return e ? `${id} = ${describeEntry(e, id)}` : id;
}

/** A principal with its directory kind and name, when the lookup found it. */
export function namedPrincipal(p: SubjectRef, lookup: DirectoryLookup): SubjectRef {
  const e = entryOf(lookup, p.id);
  return e ? { kind: e.kind, id: p.id, name: e.name } : p;
}

/**
 * Findings with names: the principal's directory kind and name, and each resolved id or UPN in
 * the message followed by `[name (kind, ...)]` where it first appears.
 */
export function withNames(findings: readonly Finding[], lookup: DirectoryLookup): Finding[] {
  return findings.map((f) => {
    let message = f.message;
    for (const [key, e] of lookup.found) {
      const at = message.toLowerCase().indexOf(key);
      if (at < 0) continue;
      const end = at + key.length;
      message = `${message.slice(0, end)} [${describeEntry(e, key)}]${message.slice(end)}`;
    }
    const e = f.principal && entryOf(lookup, f.principal.id);
    if (!f.principal || !e) return message === f.message ? f : { ...f, message };
    return {
      ...f,
      principal: namedPrincipal(f.principal, lookup),
      ...(f.subject ? { subject: `${f.subject} (${e.name})` } : {}),
      message,
    };
  });
}

/** One summary line: how many identities have names, or why none do. */
export function identityLines(who: readonly SubjectRef[], lookup: DirectoryLookup): string[] {
  if (who.length === 0) return [];
  if (lookup.unresolved) return [lookup.unresolved];
  const missing = who.filter((p) => !entryOf(lookup, p.id)).map((p) => p.id);
  const line = `Entra names: ${who.length - missing.length} of ${who.length} identities resolved (Microsoft Graph)`;
  return [
    missing.length === 0
      ? `${line}.`
      : `${line}; not in the directory (deleted, renamed or of another tenant): ${missing.join(', ')}.`,
  ];
}
