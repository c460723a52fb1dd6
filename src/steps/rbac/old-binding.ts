import { bindingLabel } from '../../checks/rbac/types.js';
import type { BindingObject } from '../../model/rbac.js';
import { bindingDifference } from './existing.js';
import type { ReplacementPlan } from './plan.js';

/** The old binding as read just before the user's removal, and what that removal does to it. */
export interface OldBindingNow {
  /** As read: its uid and resourceVersion are what a delete of it is held to. */
  binding: BindingObject;
  /** Without the user; undefined when the user is its only subject (then it is deleted). */
  after: BindingObject | undefined;
  /** How it differs from the look the plan was made on, in words; empty when it does not. */
  changed: string[];
}

/** `b` without the user subject `user`. */
export function withoutUser(b: BindingObject, user: string): BindingObject {
  return {
    ...b,
    subjects: (b.subjects ?? []).filter((s) => !(s.kind === 'User' && s.name === user)),
  };
}

/** Whether `b` names `user` as a User subject. */
export function namesUser(b: BindingObject, user: string): boolean {
  return (b.subjects ?? []).some((s) => s.kind === 'User' && s.name === user);
}

/**
 * What removing the plan's user from `fresh` (the old binding read again) does; pure. Throws
 * when its role is no longer the planned one: roleRef cannot change, so it is another binding of
 * the same name, and no question about it was ever asked.
 */
export function oldBindingNow(plan: ReplacementPlan, fresh: BindingObject): OldBindingNow {
  const looked = plan.candidate.binding.object;
  const changed = bindingDifference(looked, fresh);
  const r = fresh.roleRef;
  if (r.kind !== looked.roleRef.kind || r.name !== looked.roleRef.name)
    throw new Error(
      `${bindingLabel(plan.old)} now grants ${r.kind} ${r.name}, not ${plan.candidate.role}: it was replaced since the look. Nothing was removed; look again, then propose again.`,
    );
  const after = withoutUser(fresh, plan.candidate.user);
  return { binding: fresh, after: after.subjects?.length ? after : undefined, changed };
}
