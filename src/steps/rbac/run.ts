import { bindingLabel } from '../../checks/rbac/types.js';
import { type BindingObject } from '../../model/rbac.js';
import {
  createBinding,
  deleteBinding,
  readBinding,
  replaceBinding,
  type BindingAddress,
} from '../../kube/rbac-write.js';
import { apiStatus } from '../../kube/api-status.js';
import type { StepContext } from '../contract/module.js';
import { bindingDifference } from './existing.js';
import { namesUser, oldBindingNow, type OldBindingNow } from './old-binding.js';
import type { ReplacementPlan } from './plan.js';
import type { LastReplacement } from './state.js';

type Progress = (line: string) => void;
/** What the binding changes use of the step's context: the cluster and the journal. */
type Ctx = Pick<StepContext<unknown>, 'connection' | 'journal'>;

function kindOf(plan: ReplacementPlan): string {
  return plan.old.kind.toLowerCase();
}

/** Server-side dry runs of both changes (`dryRun: All`): the API server validates, stores nothing. */
export async function dryRunReplacement(
  ctx: Ctx,
  plan: ReplacementPlan,
  progress: Progress,
): Promise<void> {
  const { kc } = ctx.connection;
  const kind = kindOf(plan);
  if (plan.adopted) progress(`✔ already in place: ${bindingLabel(plan.createdAt)}`);
  else {
    await ctx.journal
      .mutation(
        {
          step: 'rbac',
          action: `dry-run create ${kind}`,
          target: bindingLabel(plan.createdAt),
          detail: { dryRun: 'All', body: plan.created },
        },
        () => createBinding(kc, plan.old.kind, plan.created, true),
      )
      .then(
        () => progress(`✔ dry run: the API server accepts ${bindingLabel(plan.createdAt)}`),
        async (error: unknown) => {
          // Made since the look: the same binding is adopted by the run; another one stops here.
          if (apiStatus(error) !== 409) throw error;
          await checkInPlace(ctx, plan, 'was created by someone else since the look');
          progress(`✔ already in place: ${bindingLabel(plan.createdAt)} (made since the look)`);
        },
      );
  }
  const now = await readOldBinding(ctx, plan);
  if (now === 'already') {
    progress(
      `✔ already in place: ${plan.candidate.user} is no longer on ${bindingLabel(plan.old)}`,
    );
    return;
  }
  if (now.changed.length > 0)
    progress(`⚠ ${bindingLabel(plan.old)} changed since the look: ${now.changed.join('; ')}`);
  await changeOld(ctx, plan, now, true);
  progress(
    `✔ dry run: the API server accepts ${now.after ? 'the update of' : 'the deletion of'} ${bindingLabel(plan.old)}`,
  );
}

/** Fails, saying what differs, unless the binding at the plan's name is the one wanted. */
async function checkInPlace(ctx: Ctx, plan: ReplacementPlan, how: string): Promise<void> {
  const found = await readBinding(ctx.connection.kc, plan.createdAt);
  const differs = bindingDifference(plan.created, found);
  if (differs.length > 0)
    throw new Error(
      `${bindingLabel(plan.createdAt)} ${how} but is not the binding planned: ${differs.join('; ')}. Nothing was overwritten; check that binding, then propose again.`,
    );
}

/**
 * Creates the group binding and reads it back. One that already grants the same role to the same
 * group is adopted ("already in place"), never duplicated; a same-named binding that differs stops
 * the replacement, unchanged, saying what differs.
 */
export async function createGroupBinding(
  ctx: Ctx,
  plan: ReplacementPlan,
  progress: Progress,
): Promise<'created' | 'adopted'> {
  const { kc } = ctx.connection;
  const label = bindingLabel(plan.createdAt);
  if (plan.adopted) {
    await checkInPlace(ctx, plan, 'was there at the look');
    progress(`✔ already in place: ${label} grants ${plan.candidate.role} to the group (adopted)`);
    return 'adopted';
  }
  try {
    await ctx.journal.mutation(
      {
        step: 'rbac',
        action: `create ${kindOf(plan)}`,
        target: label,
        detail: { body: plan.created },
      },
      () => createBinding(kc, plan.old.kind, plan.created, false),
    );
  } catch (error) {
    if (apiStatus(error) !== 409) throw error;
    await checkInPlace(ctx, plan, 'was created by someone else since the look');
    progress(
      `✔ already in place: ${label} was created since the look with this role and group (adopted)`,
    );
    return 'adopted';
  }
  await checkInPlace(ctx, plan, 'was created');
  progress(`✔ created ${label} and read it back`);
  return 'created';
}

/**
 * Reads the old binding again, right before the user's removal is asked or done: 'already' when
 * it is gone or no longer names the user; throws when its role is not the planned one.
 */
export async function readOldBinding(
  ctx: Ctx,
  plan: ReplacementPlan,
): Promise<OldBindingNow | 'already'> {
  const fresh = await readOrGone(ctx, plan.old);
  if (!fresh || !namesUser(fresh, plan.candidate.user)) return 'already';
  return oldBindingNow(plan, fresh);
}

async function readOrGone(ctx: Ctx, at: BindingAddress): Promise<BindingObject | undefined> {
  try {
    return await readBinding(ctx.connection.kc, at);
  } catch (error) {
    if (apiStatus(error) === 404) return undefined;
    throw error;
  }
}

/**
 * Takes the user off the old binding as confirmed (`confirmed`: the binding read before the
 * question): an update on a fresh copy, or a delete of exactly the binding confirmed. Resolves
 * to the binding as it was changed (for undo), undefined when the user was off it already.
 */
export async function removeUser(
  ctx: Ctx,
  plan: ReplacementPlan,
  confirmed: OldBindingNow,
  progress: Progress,
): Promise<OldBindingNow | undefined> {
  const now = await readOldBinding(ctx, plan);
  if (now === 'already' || (await changeOld(ctx, plan, now, false, confirmed)) === 'already') {
    progress(
      `✔ already in place: ${plan.candidate.user} is no longer on ${bindingLabel(plan.old)}`,
    );
    return undefined;
  }
  progress(
    now.after
      ? `✔ removed ${plan.candidate.user} from ${bindingLabel(plan.old)}`
      : `✔ deleted ${bindingLabel(plan.old)}`,
  );
  return now;
}

/**
 * Takes the user off the old binding as read (`now`). A delete goes only when `now` grants what
 * the operator confirmed (`confirmed`, exactly: role and subjects), held to `now`'s uid and
 * resourceVersion so a change after the read is refused (409); either way nothing is deleted and
 * the journal says why. 'already' when it was gone by the delete.
 */
async function changeOld(
  ctx: Ctx,
  plan: ReplacementPlan,
  now: OldBindingNow,
  dryRun: boolean,
  confirmed?: OldBindingNow,
): Promise<'done' | 'already'> {
  const { kc } = ctx.connection;
  const target = bindingLabel(plan.old);
  const prefix = dryRun ? 'dry-run ' : '';
  const detail = { user: plan.candidate.user, ...(dryRun ? { dryRun: 'All' } : {}) };
  // A deletion confirmed, or one that would now be needed, goes only on exactly the binding
  // asked about: a subject added since would go with it (or the user would be taken off in a
  // way nobody was asked about).
  const differs = confirmed ? bindingDifference(confirmed.binding, now.binding) : [];
  if (confirmed && (!confirmed.after || !now.after) && differs.length > 0) {
    await ctx.journal.note('rbac', `not changed: ${target} changed since it was confirmed`, {
      changed: differs,
    });
    throw new Error(
      `${target} changed since you confirmed: ${differs.join('; ')}. Nothing was ${confirmed.after ? 'removed' : 'deleted'}; look again, then propose again.`,
    );
  }
  if (!now.after) {
    const { uid, resourceVersion } = now.binding.metadata ?? {};
    try {
      await ctx.journal.mutation(
        {
          step: 'rbac',
          action: `${prefix}delete ${kindOf(plan)}`,
          target,
          detail: {
            ...detail,
            subjects: now.binding.subjects,
            preconditions: { uid, resourceVersion },
          },
        },
        () => deleteBinding(kc, plan.old, dryRun, { uid, resourceVersion }),
      );
    } catch (error) {
      if (apiStatus(error) === 409)
        throw new Error(
          `${target} changed between the read and the delete (the API server refused it: not the version read). Nothing was deleted; look again, then propose again.`,
          { cause: error },
        );
      if (dryRun || apiStatus(error) !== 404) throw error;
      return 'already';
    }
    return 'done';
  }
  // The update carries the resourceVersion read: a change after the read is refused (409).
  await ctx.journal.mutation(
    {
      step: 'rbac',
      action: `${prefix}remove user from ${kindOf(plan)}`,
      target,
      detail: { ...detail, subjects: now.after.subjects },
    },
    () => replaceBinding(kc, plan.old, now.after!, dryRun),
  );
  return 'done';
}

/**
 * Undo's first half: deletes the group binding only while it grants exactly what was created
 * (read right before, the delete held to that read's uid and resourceVersion); one changed since
 * stops the undo, nothing deleted, saying what changed.
 */
async function deleteGroupBinding(
  ctx: Ctx,
  plan: ReplacementPlan,
  progress: Progress,
): Promise<void> {
  const target = bindingLabel(plan.createdAt);
  const fresh = await readOrGone(ctx, plan.createdAt);
  if (fresh) {
    const differs = bindingDifference(plan.created, fresh);
    if (differs.length > 0) {
      await ctx.journal.note('rbac', `undo: not deleted: ${target} changed since it was created`, {
        changed: differs,
      });
      throw new Error(
        `${target} changed since it was created: ${differs.join('; ')}. Nothing was undone; look again.`,
      );
    }
    const { uid, resourceVersion } = fresh.metadata ?? {};
    try {
      await ctx.journal.mutation(
        {
          step: 'rbac',
          action: `undo: delete ${kindOf(plan)}`,
          target,
          detail: { preconditions: { uid, resourceVersion } },
        },
        () => deleteBinding(ctx.connection.kc, plan.createdAt, false, { uid, resourceVersion }),
      );
      progress(`✔ deleted ${target}`);
      return;
    } catch (error) {
      if (apiStatus(error) === 409)
        throw new Error(
          `${target} changed between the read and the delete (the API server refused it: not the version read). Nothing was undone; look again.`,
          { cause: error },
        );
      if (apiStatus(error) !== 404) throw error;
    }
  }
  progress(`✔ already gone: ${target}`);
}

/**
 * Undoes a replacement: deletes the group binding (one adopted was there before, and stays) and
 * puts the user back on (or recreates) the old binding; `removal` is what the removal changed
 * (the plan's look when not known).
 */
export async function undoReplacement(
  ctx: Ctx,
  last: LastReplacement,
  progress: Progress,
): Promise<void> {
  const { kc } = ctx.connection;
  const { plan, userRemoved, removal } = last;
  if (last.groupAdopted)
    progress(`✔ kept ${bindingLabel(plan.createdAt)}: it was there before this replacement`);
  else await deleteGroupBinding(ctx, plan, progress);
  if (!userRemoved) return;
  const user = { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: plan.candidate.user };
  const target = bindingLabel(plan.old);
  const deleted = removal ? !removal.after : !plan.oldAfter;
  if (deleted) {
    const { metadata, roleRef, subjects, apiVersion, kind } =
      removal?.binding ?? plan.candidate.binding.object;
    const body: BindingObject = {
      apiVersion: apiVersion ?? 'rbac.authorization.k8s.io/v1',
      kind: kind ?? plan.old.kind,
      metadata: {
        name: metadata?.name,
        namespace: metadata?.namespace,
        labels: metadata?.labels,
        annotations: metadata?.annotations,
      },
      roleRef,
      subjects,
    };
    try {
      await ctx.journal.mutation(
        { step: 'rbac', action: `undo: recreate ${kindOf(plan)}`, target, detail: { body } },
        () => createBinding(kc, plan.old.kind, body, false),
      );
    } catch (error) {
      if (apiStatus(error) !== 409) throw error;
      const differs = bindingDifference(body, await readBinding(kc, plan.old));
      if (differs.length > 0)
        throw new Error(
          `${target} exists again but is not the binding that was deleted: ${differs.join('; ')}. Nothing was overwritten.`,
          { cause: error },
        );
      progress(`✔ already in place: ${target} is back as it was`);
      return;
    }
  } else {
    const fresh = await readBinding(kc, plan.old);
    if ((fresh.subjects ?? []).some((s) => s.kind === 'User' && s.name === user.name)) {
      progress(`✔ already in place: ${plan.candidate.user} is on ${target}`);
      return;
    }
    const next = { ...fresh, subjects: [...(fresh.subjects ?? []), user] };
    await ctx.journal.mutation(
      {
        step: 'rbac',
        action: `undo: add user to ${kindOf(plan)}`,
        target,
        detail: { user: user.name },
      },
      () => replaceBinding(kc, plan.old, next, false),
    );
  }
  progress(`✔ ${plan.candidate.user} is bound again through ${target}`);
}
