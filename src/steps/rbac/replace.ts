import { bindingLabel } from '../../checks/rbac/types.js';
import type { StepSession } from '../lifecycle/step-session.js';
import { confirmation, undoConfirmation } from './confirmations.js';
import { groupLabel } from './group-check.js';
import type { RbacStepFacts } from './inspect.js';
import type { ReplacementPlan } from './plan.js';
import {
  createGroupBinding,
  dryRunReplacement,
  readOldBinding,
  removeUser,
  undoReplacement,
} from './run.js';
import type { RbacScreenState } from './state.js';

type Session = StepSession<RbacStepFacts, RbacScreenState>;

/**
 * Replaces a user subject with an Entra group: server-side dry run of both changes first, then
 * the new binding (confirmed), then the user's removal (confirmed on its own), and a fresh look
 * that says whether the user is still bound directly.
 */
export async function replaceUser(s: Session, p: ReplacementPlan): Promise<void> {
  const { ctx } = s;
  await s.change({
    wire: 'kube',
    what: `replacement of ${p.candidate.user}`,
    preflight: async (progress) => {
      progress('Server-side dry run…');
      await dryRunReplacement(ctx, p, progress);
      return [];
    },
    dryRun: ['Dry run only: the API server accepted both changes; nothing was stored.'],
    // An adopted group binding needs no creation: the one question is the user's removal.
    confirm: confirmation(ctx.cluster, p, p.adopted ? 'remove' : 'create'),
    run: async (progress, _signal, ask) => {
      const groupAdopted = (await createGroupBinding(ctx, p, progress)) === 'adopted';
      s.set({
        last: { plan: p, userRemoved: false, groupAdopted },
        plan: undefined,
        proposal: undefined,
      });
      // The old binding as it is now, not as the plan saw it: the removal is asked about that.
      const now = await readOldBinding(ctx, p);
      if (now === 'already') {
        progress(`✔ already in place: ${p.candidate.user} is no longer on ${bindingLabel(p.old)}`);
        return 'replaced';
      }
      if (now.changed.length > 0)
        progress(`⚠ ${bindingLabel(p.old)} changed since the look: ${now.changed.join('; ')}`);
      // The first question asked about the creation (or, adopted, about the removal as planned):
      // the removal has its own, asked again when the binding changed since the look.
      const asked = !p.adopted || now.changed.length > 0;
      if (asked && !(await ask(confirmation(ctx.cluster, p, 'remove', now))))
        return p.adopted ? 'kept' : 'created';
      const removal = await removeUser(ctx, p, now, progress);
      s.set({
        last: {
          plan: p,
          userRemoved: removal !== undefined,
          groupAdopted,
          ...(removal ? { removal } : {}),
        },
      });
      return 'replaced';
    },
    done: (outcome, facts) => {
      const still = facts?.candidates.some((c) => c.id === p.candidate.id);
      const verdict =
        outcome === 'created'
          ? `${bindingLabel(p.createdAt)} was created; ${p.candidate.user} is still bound through ${bindingLabel(p.old)}. Press u to undo.`
          : outcome === 'kept'
            ? `Nothing removed: ${bindingLabel(p.old)} changed since the look; ${p.candidate.user} is still bound through it. ${bindingLabel(p.createdAt)} stays in place.`
            : !facts
              ? `Sent: ${bindingLabel(p.createdAt)} created for group ${groupLabel(p.group, p.check)}, ${p.candidate.user}'s direct binding through ${bindingLabel(p.old)} removed; not verified.`
              : still
                ? `✖ ${p.candidate.user} is still bound directly through ${bindingLabel(p.old)}.`
                : `✔ Verified: ${p.candidate.user} is no longer bound directly; group ${groupLabel(p.group, p.check)} holds ${p.candidate.role}.`;
      return {
        plan: undefined,
        result: [verdict],
        ...(outcome === 'kept'
          ? {}
          : {
              changed:
                outcome === 'created'
                  ? `created ${bindingLabel(p.createdAt)}`
                  : `replaced ${p.candidate.user} with a group`,
            }),
      };
    },
  });
}

/**
 * Undoes the last replacement: the group binding deleted (unless it was adopted: it was there
 * before), the user bound again as before.
 */
export async function undoLastReplacement(s: Session): Promise<void> {
  const last = s.state.last;
  if (!last) return;
  const { ctx } = s;
  await s.change({
    wire: 'kube',
    what: 'undo of the replacement',
    dryRun: ['Dry run: nothing was undone.'],
    confirm: undoConfirmation(ctx.cluster, last),
    cancelled: ['Undo cancelled: nothing was changed.'],
    run: async (progress) => {
      await undoReplacement(ctx, last, progress);
      s.set({ last: undefined });
    },
    done: () => ({
      plan: undefined,
      result: [
        last.groupAdopted
          ? `✔ Undone: ${last.plan.candidate.user} is bound again through ${bindingLabel(last.plan.old)}; ${bindingLabel(last.plan.createdAt)} stays, as it was before this replacement.`
          : '✔ Undone: the bindings are as they were.',
      ],
    }),
  });
}
