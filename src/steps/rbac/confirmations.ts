import { bindingLabel } from '../../checks/rbac/types.js';
import type { ConfirmationRequest } from '../../model/session.js';
import { groupLabel } from './group-check.js';
import type { OldBindingNow } from './old-binding.js';
import type { ReplacementPlan } from './plan.js';
import type { LastReplacement } from './state.js';

/**
 * The question before each change of a replacement. Cluster-admin-level bindings ask for the
 * cluster name to be typed; others a plain yes/no that starts on Cancel. The removal is asked
 * about the old binding as read just before (`now`), when it was read: what changed since the
 * look is said, and who stays on it is named.
 */
export function confirmation(
  cluster: string,
  plan: ReplacementPlan,
  stage: 'create' | 'remove',
  now?: OldBindingNow,
): ConfirmationRequest {
  const { candidate, check } = plan;
  const typed = candidate.adminLevel ? { typed: cluster } : {};
  const group = groupLabel(plan.group, check);
  const warnings = (check?.warnings ?? []).map((w) => `⚠ ${w}`);
  const old = bindingLabel(plan.old);
  const created = bindingLabel(plan.createdAt);
  if (stage === 'create')
    return {
      cluster,
      change: `Create ${created} granting ${candidate.role} to Entra group ${group}`,
      details: [
        `It replaces user ${candidate.user} on ${old}; the user is removed in a second step.`,
        ...warnings,
        `kubectl equivalent: kubectl create -f <exported yaml>`,
      ],
      ...typed,
    };
  const after = now ? now.after : plan.oldAfter;
  const stay = (after?.subjects ?? []).map((s) => `${s.kind} ${s.name}`);
  return {
    cluster,
    change: after
      ? `Remove user ${candidate.user} from ${old}`
      : `Delete ${old} (its only subject is user ${candidate.user})`,
    details: [
      ...(now && now.changed.length > 0
        ? [`⚠ ${old} changed since the look: ${now.changed.join('; ')}.`]
        : []),
      ...(stay.length > 0 ? [`It keeps ${stay.join(', ')}.`] : []),
      ...(plan.adopted
        ? [`${created} was already in place (an earlier run): adopted, not created again.`]
        : []),
      `${created} now grants the same role to group ${group}.`,
      ...(check?.userInGroup === true
        ? [`${candidate.user} is a member of that group: they keep the role through it.`]
        : warnings.length > 0
          ? warnings
          : ['The user keeps access only if they are a member of that group.']),
    ],
    // Taking the role away from the user (not in the group) is typed, like cluster-admin.
    ...(check?.userLosesAccess ? { typed: cluster } : typed),
  };
}

/**
 * The question before undoing `last`: what goes (the group binding, unless it was adopted: it
 * was there before the replacement and stays) and whether the user is bound again.
 */
export function undoConfirmation(cluster: string, last: LastReplacement): ConfirmationRequest {
  const { plan, userRemoved, groupAdopted } = last;
  const created = bindingLabel(plan.createdAt);
  const bindAgain = `bind ${plan.candidate.user} again through ${bindingLabel(plan.old)}`;
  return {
    cluster,
    change: groupAdopted
      ? `Undo: ${bindAgain}`
      : `Undo: delete ${created}${userRemoved ? ` and ${bindAgain}` : ''}`,
    ...(groupAdopted
      ? {
          details: [
            `${created} stays: it was in place before this replacement (adopted), and its group keeps the role.`,
          ],
        }
      : {}),
    ...(plan.candidate.adminLevel ? { typed: cluster } : {}),
  };
}
