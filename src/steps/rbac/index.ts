import { bindingLabel } from '../../checks/rbac/types.js';
import { describeEntry, entryOf } from '../../model/directory.js';
import { defineStep } from '../lifecycle/define.js';
import type { StepAction } from '../lifecycle/definition.js';
import type { StepSession } from '../lifecycle/step-session.js';
import { exportPlan } from './export.js';
import { inspectRbac, type RbacStepFacts } from './inspect.js';
import { replaceUser, undoLastReplacement } from './replace.js';
import { replaceUnavailable } from './rights.js';
import { azureCandidates } from './azure-plan.js';
import { propose, search } from './propose.js';
import { replaceAzureAssignment } from './azure-replace.js';
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
  // An adopted group binding stays on undo: with the user still on, there is nothing to undo.
  if (last && (last.userRemoved || !last.groupAdopted))
    out.push({
      key: 'u',
      label: last.groupAdopted
        ? `Undo: bind ${last.plan.candidate.user} again (${bindingLabel(last.plan.createdAt)} stays)`
        : `Undo: remove ${bindingLabel(last.plan.createdAt)}${last.userRemoved ? ` and bind ${last.plan.candidate.user} again` : ''}`,
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
    search: (event, s) => search(s, event.prefix),
    dismiss: (_event, s) => {
      s.ctx.show({ plan: undefined });
      s.set({ plan: undefined, azurePlan: undefined, proposal: undefined });
    },
  },
});
