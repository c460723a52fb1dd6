import { bindingLabel } from '../../checks/rbac/types.js';
import { isGuid } from '../../model/guid.js';
import { describeEntry, entryOf } from '../../model/directory.js';
import { defineStep } from '../lifecycle/define.js';
import type { StepAction } from '../lifecycle/definition.js';
import type { StepSession } from '../lifecycle/step-session.js';
import { exportPlan } from './export.js';
import { inspectRbac, type RbacStepFacts } from './inspect.js';
import { describePlan, planReplacement } from './plan.js';
import { replaceUser, undoLastReplacement } from './replace.js';
import { replaceUnavailable } from './rights.js';
import { checkGroup } from './group-check.js';
import { NO_DIRECTORY } from './names.js';
import {
  AZURE_CANDIDATE,
  asCandidate,
  azureCandidates,
  describeAzurePlan,
  newAssignmentName,
  replaceAzureAssignment,
} from './azure-replace.js';
import type { CandidateView, RbacEvent, RbacScreenState } from './state.js';

type Session = StepSession<RbacStepFacts, RbacScreenState>;

/** After each look: the users that could become groups, with the rights asked for each. */
async function seen(s: Session): Promise<void> {
  const facts = s.facts!;
  const candidates: CandidateView[] = [];
  for (const c of facts.candidates) {
    // Rights are asked per candidate, only when changes are possible at all.
    const why = s.mode.readOnly ? undefined : await replaceUnavailable(s.ctx.connection.rights, c);
    const entry = entryOf(facts.names, c.user);
    candidates.push({
      id: c.id,
      binding: bindingLabel(c.binding),
      user: c.user,
      userKind: c.userKind,
      ...(entry ? { userName: describeEntry(entry, c.user) } : {}),
      role: c.role,
      adminLevel: c.adminLevel,
      ...(why ? { unavailable: why } : {}),
    });
  }
  for (const c of azureCandidates(facts.azure)) {
    const entry = entryOf(facts.names, c.assignment.principalId);
    candidates.push({
      id: c.id,
      binding: `Azure role assignment ${c.where}`,
      user: entry?.upn ?? c.assignment.principalId,
      userKind: entry?.upn ? 'upn' : 'object-id',
      ...(entry ? { userName: describeEntry(entry, entry.upn) } : {}),
      role: `Azure role "${c.roleName}"`,
      adminLevel: c.adminLevel,
      ...(c.unavailable ? { unavailable: c.unavailable } : {}),
    });
  }
  s.set({ candidates, excluded: facts.review.excluded, canAct: !s.mode.readOnly });
}

/**
 * The operator picked a user and a group (by name or typed id): the group checked in Entra ID
 * (kind, members, whether the user is in it), then planned from the last look; or refused.
 */
async function propose(s: Session, candidateId: string, group: string): Promise<void> {
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
  const azurePlan = { candidate, group: id, check, newName: newAssignmentName() };
  s.ctx.show({ plan: describeAzurePlan(azurePlan), progress: undefined, result: undefined });
  s.set({ plan: undefined, azurePlan, proposal: { candidate: candidate.id, group: id } });
}

/** Groups whose display name starts with `prefix` (server-side), for the group picker. */
async function search(s: Session, prefix: string): Promise<void> {
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

/** Replace (or dry-run it), export the new binding, undo the last replacement. */
function actions(s: Session): Array<StepAction<RbacStepFacts, RbacScreenState>> {
  const { plan, last, candidates, azurePlan } = s.state;
  const out: Array<StepAction<RbacStepFacts, RbacScreenState>> = [];
  if (azurePlan)
    out.push({
      key: 'r',
      label: s.mode.dryRun
        ? 'Dry-run: show the role assignment changes (nothing is sent)'
        : "Give the user's Azure role to the group",
      run: (run) => replaceAzureAssignment(run, azurePlan),
    });
  if (plan) {
    out.push(
      {
        key: 'r',
        label: s.mode.dryRun
          ? 'Dry-run the replacement (nothing is stored)'
          : 'Replace the user with the group',
        unavailable: candidates.find((c) => c.id === plan.candidate.id)?.unavailable,
        run: (run) => replaceUser(run, plan),
      },
      {
        key: 'e',
        label: 'Export the new binding as YAML (next to the journal)',
        local: true,
        run: async (run) => run.ctx.show({ result: [`Wrote ${await exportPlan(run.ctx, plan)}`] }),
      },
    );
  }
  if (last)
    out.push({
      key: 'u',
      label: `Undo: remove ${bindingLabel(last.plan.createdAt)}${last.userRemoved ? ` and bind ${last.plan.candidate.user} again` : ''}`,
      run: undoLastReplacement,
    });
  return out;
}

/**
 * The rbac step: who is bound to which role; a user bound directly can be replaced with an Entra
 * group (dry run, create, remove; each confirmed and journaled), exported, or the last
 * replacement undone.
 */
export const rbacStep = defineStep<RbacStepFacts, RbacScreenState, RbacEvent>({
  id: 'rbac',
  inspect: inspectRbac,
  initial: { candidates: [], excluded: [], canAct: false },
  seen,
  actions,
  on: {
    propose: (event, s) => propose(s, event.candidate, event.group),
    search: (event, s) => {
      latestPrefix.set(s, event.prefix);
      return search(s, event.prefix);
    },
    dismiss: (_event, s) => {
      s.ctx.show({ plan: undefined });
      s.set({ plan: undefined, azurePlan: undefined, proposal: undefined });
    },
  },
});
