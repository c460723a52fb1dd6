import {
  describeEntry,
  entryOf,
  type DirectoryEntry,
  type DirectoryReader,
} from '../../model/directory.js';
import type { Candidate } from './candidates.js';
import { NO_DIRECTORY } from './names.js';

/** What Entra ID says about the group a user is to be replaced with. */
export interface GroupCheck {
  /** The group as Microsoft Graph returned it; absent when not checked or not found. */
  entry?: DirectoryEntry;
  /** Whether the user being replaced is a member (nesting included); undefined = not known. */
  userInGroup?: boolean;
  /** Lines the plan and the confirmations show. */
  warnings: string[];
  /** The user would lose the role when removed: the removal asks for the cluster name typed. */
  userLosesAccess: boolean;
  /** Why the pick is refused (the id is a user, not a group), if it is. */
  refused?: string;
}

/** `platform-admins (7a2d…)` when named, else the id. */
export function groupLabel(id: string, check: GroupCheck | undefined): string {
  return check?.entry ? `${check.entry.name} (${id})` : id;
}

/** Asks the directory about `groupId` and whether the candidate's user is in it. */
export async function checkGroup(
  directory: DirectoryReader | undefined,
  candidate: Candidate,
  groupId: string,
): Promise<GroupCheck> {
  // Membership not known counts as a possible loss: the removal asks for the cluster name.
  if (!directory)
    return {
      warnings: [`Group not checked in Entra ID. ${NO_DIRECTORY}`, membershipHint(candidate)],
      userLosesAccess: true,
    };
  const lookup = await directory.resolve([groupId]);
  if (lookup.unresolved)
    return {
      warnings: [`Group not checked in Entra ID. ${lookup.unresolved}`, membershipHint(candidate)],
      userLosesAccess: true,
    };
  const entry = entryOf(lookup, groupId);
  if (!entry)
    return {
      warnings: [
        `No object with id ${groupId} in the directory: the new binding would grant ${candidate.role} to nobody, and ${candidate.user} would lose it.`,
      ],
      userLosesAccess: true,
    };
  if (entry.kind !== 'group')
    return {
      entry,
      warnings: [],
      userLosesAccess: false,
      refused: `${groupId} is ${describeEntry(entry)}, not a group; pick a group.`,
    };
  // A name that is no Entra identity is in no Entra group: Graph is not asked.
  const userInGroup =
    candidate.userKind === 'other' ? false : await directory.isMember(candidate.user, groupId);
  return { entry, userInGroup, ...groupWarnings(entry, candidate, userInGroup) };
}

/** The warnings about a group that exists; pure. */
export function groupWarnings(
  g: DirectoryEntry,
  c: Candidate,
  userInGroup: boolean | undefined,
): { warnings: string[]; userLosesAccess: boolean } {
  const warnings: string[] = [];
  if (g.securityEnabled === false)
    warnings.push(
      `${g.name} is not security-enabled (a distribution list): Entra ID does not put it in sign-in tokens, so the API server never sees its members and the binding grants nothing.`,
    );
  if (g.memberCount === 0)
    warnings.push(`${g.name} has no members: the binding would grant ${c.role} to nobody for now.`);
  if (c.userKind === 'other')
    warnings.push(
      `${c.user} is not an Entra identity (a client-certificate or local name: its groups come from the certificate, not Entra ID), so no Entra group holds it: removing it takes ${c.role} away (the removal asks for the cluster name).`,
    );
  else if (userInGroup === false)
    warnings.push(
      `${c.user} is not in ${g.name}: removing them from the binding takes ${c.role} away from them (the removal asks for the cluster name).`,
    );
  else if (userInGroup === undefined)
    warnings.push(
      `Whether ${c.user} is in ${g.name} could not be checked: removing them may take ${c.role} away from them (the removal asks for the cluster name).`,
    );
  return { warnings, userLosesAccess: userInGroup !== true || g.securityEnabled === false };
}

/** Membership not checked: a certificate or local name is in no Entra group; others may not be. */
function membershipHint(c: Candidate): string {
  return c.userKind === 'other'
    ? `${c.user} is not an Entra identity (a client-certificate or local name), so no Entra group holds it: removing it takes ${c.role} away (the removal asks for the cluster name).`
    : `Whether ${c.user} is in the group could not be checked: removing them may take ${c.role} away from them (the removal asks for the cluster name).`;
}
