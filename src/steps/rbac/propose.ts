import { isGuid } from '../../model/guid.js';
import { entryOf } from '../../model/directory.js';
import type { StepSession } from '../lifecycle/step-session.js';
import {
  asCandidate,
  AZURE_CANDIDATE,
  azureCandidates,
  describeAzurePlan,
  groupAssignment,
  newAssignmentName,
} from './azure-plan.js';
import { checkGroup } from './group-check.js';
import type { RbacStepFacts } from './inspect.js';
import { NO_DIRECTORY } from './names.js';
import { describePlan, planReplacement } from './plan.js';
import type { RbacScreenState } from './state.js';

type Session = StepSession<RbacStepFacts, RbacScreenState>;

/**
 * The operator picked a user and a group (by name or typed id): the group checked in Entra ID
 * (kind, members, whether the user is in it), then planned from the last look; or refused.
 */
export async function propose(s: Session, candidateId: string, group: string): Promise<void> {
  if (!s.state.canAct) return;
  if (candidateId.startsWith(AZURE_CANDIDATE)) return proposeAzure(s, candidateId, group);
  const candidate = s.facts?.candidates.find((c) => c.id === candidateId);
  const id = group.trim().toLowerCase();
  if (!candidate) return s.set({ error: 'That user binding is no longer there; inspect again.' });
  if (!isGuid(id))
    return s.set({
      error: `"${group}" is not an Entra group object id (a GUID like 6f1c2a4e-3b5d-4c7e-9f80-1a2b3c4d5e6f).`,
    });
  s.set({ checking: true, error: undefined });
  const check = await checkGroup(s.ctx.connection.directory, candidate, id);
  s.set({ checking: false });
  if (check.refused) return s.set({ error: check.refused });
  const plan = planReplacement(s.facts!.rbac, candidate, id, check);
  s.ctx.show({ plan: describePlan(plan), progress: undefined, result: undefined });
  s.set({
    error: undefined,
    plan,
    azurePlan: undefined,
    proposal: { candidate: candidate.id, group: id },
  });
}

/** A user's Azure role to be given to a group: the group checked, then planned. */
async function proposeAzure(s: Session, candidateId: string, group: string): Promise<void> {
  const candidate = azureCandidates(s.facts?.azure).find((c) => c.id === candidateId);
  const id = group.trim().toLowerCase();
  if (!candidate)
    return s.set({ error: 'That role assignment is no longer there; inspect again.' });
  if (candidate.unavailable) return s.set({ error: `Not available: ${candidate.unavailable}` });
  if (!isGuid(id)) return s.set({ error: `"${group}" is not an Entra group object id (a GUID).` });
  s.set({ checking: true, error: undefined });
  const entry = s.facts && entryOf(s.facts.names, candidate.assignment.principalId);
  const user = entry?.upn ?? candidate.assignment.principalId;
  const check = await checkGroup(s.ctx.connection.directory, asCandidate(candidate, user), id);
  s.set({ checking: false });
  if (check.refused) return s.set({ error: check.refused });
  const groupHas = groupAssignment(s.facts?.azure, candidate, id);
  const azurePlan = {
    candidate,
    group: id,
    check,
    newName: newAssignmentName(),
    ...(groupHas ? { groupHas } : {}),
  };
  s.ctx.show({ plan: describeAzurePlan(azurePlan), progress: undefined, result: undefined });
  s.set({ plan: undefined, azurePlan, proposal: { candidate: candidate.id, group: id } });
}

/** Groups whose display name starts with `prefix` (server-side), for the group picker. */
async function searchGroups(s: Session, prefix: string): Promise<void> {
  const directory = s.ctx.connection.directory;
  const wanted = prefix.trim();
  if (!directory)
    return s.set({ groupSearch: { prefix, groups: [], total: 0, unavailable: NO_DIRECTORY } });
  if (wanted === '' || isGuid(wanted)) return s.set({ groupSearch: undefined });
  const found = await directory.searchGroups(wanted);
  // Typing goes on while Graph answers: only the answer to what is typed now is shown.
  if (latestPrefix.get(s) !== prefix) return;
  s.set({
    groupSearch:
      'unavailable' in found
        ? { prefix, groups: [], total: 0, unavailable: found.unavailable }
        : { prefix, groups: found.groups, total: found.total },
  });
}

/** The last prefix asked for per session, so a late answer to an older one is dropped. */
const latestPrefix = new WeakMap<Session, string>();

/** Asks for groups starting with `prefix`; only the last one asked is shown. */
export function search(s: Session, prefix: string): Promise<void> {
  latestPrefix.set(s, prefix);
  return searchGroups(s, prefix);
}
