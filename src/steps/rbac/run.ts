import { bindingLabel } from '../../checks/rbac/types.js';
import { type BindingObject } from '../../model/rbac.js';
import {
  createBinding,
  deleteBinding,
  readBinding,
  replaceBinding,
} from '../../kube/rbac-write.js';
import { apiStatus } from '../../kube/api-status.js';
import type { StepContext } from '../contract/module.js';
import { bindingDifference } from './existing.js';
import type { ReplacementPlan } from './plan.js';

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
  await changeOld(ctx, plan, true);
  progress(
    `✔ dry run: the API server accepts ${plan.oldAfter ? 'the update of' : 'the deletion of'} ${bindingLabel(plan.old)}`,
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

/** Removes the user from the old binding (update on a fresh copy), or deletes it if it was the only subject. */
export async function removeUser(
  ctx: Ctx,
  plan: ReplacementPlan,
  progress: Progress,
): Promise<void> {
  if ((await changeOld(ctx, plan, false)) === 'already') {
    progress(
      `✔ already in place: ${plan.candidate.user} is no longer on ${bindingLabel(plan.old)}`,
    );
    return;
  }
  progress(
    plan.oldAfter
      ? `✔ removed ${plan.candidate.user} from ${bindingLabel(plan.old)}`
      : `✔ deleted ${bindingLabel(plan.old)}`,
  );
}

/** Takes the user off the old binding; 'already' when a fresh read shows it was done before. */
async function changeOld(
  ctx: Ctx,
  plan: ReplacementPlan,
  dryRun: boolean,
): Promise<'done' | 'already'> {
  const { kc } = ctx.connection;
  const target = bindingLabel(plan.old);
  const prefix = dryRun ? 'dry-run ' : '';
  const detail = { user: plan.candidate.user, ...(dryRun ? { dryRun: 'All' } : {}) };
  if (!plan.oldAfter) {
    try {
      await ctx.journal.mutation(
        { step: 'rbac', action: `${prefix}delete ${kindOf(plan)}`, target, detail },
        () => deleteBinding(kc, plan.old, dryRun),
      );
    } catch (error) {
      if (dryRun || apiStatus(error) !== 404) throw error;
      return 'already';
    }
    return 'done';
  }
  const fresh = await readBinding(kc, plan.old);
  const next = withoutUser(fresh, plan.candidate.user);
  if (!dryRun && next.subjects?.length === fresh.subjects?.length) return 'already';
  await ctx.journal.mutation(
    {
      step: 'rbac',
      action: `${prefix}remove user from ${kindOf(plan)}`,
      target,
      detail: { ...detail, subjects: next.subjects },
    },
    () => replaceBinding(kc, plan.old, next, dryRun),
  );
  return 'done';
}

function withoutUser(b: BindingObject, user: string): BindingObject {
  return {
    ...b,
    subjects: (b.subjects ?? []).filter((s) => !(s.kind === 'User' && s.name === user)),
  };
}

/** Undoes a replacement: deletes the group binding and puts the user back on (or recreates) the old binding. */
export async function undoReplacement(
  ctx: Ctx,
  plan: ReplacementPlan,
  userRemoved: boolean,
  progress: Progress,
): Promise<void> {
  const { kc } = ctx.connection;
  try {
    await ctx.journal.mutation(
      {
        step: 'rbac',
        action: `undo: delete ${kindOf(plan)}`,
        target: bindingLabel(plan.createdAt),
      },
      () => deleteBinding(kc, plan.createdAt, false),
    );
    progress(`✔ deleted ${bindingLabel(plan.createdAt)}`);
  } catch (error) {
    if (apiStatus(error) !== 404) throw error;
    progress(`✔ already gone: ${bindingLabel(plan.createdAt)}`);
  }
  if (!userRemoved) return;
  const user = { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: plan.candidate.user };
  const target = bindingLabel(plan.old);
  if (!plan.oldAfter) {
    const { metadata, roleRef, subjects, apiVersion, kind } = plan.candidate.binding.object;
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
