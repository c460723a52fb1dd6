import { bindingLabel } from '../../checks/rbac/types.js';
import { type BindingObject } from '../../model/rbac.js';
import {
  createBinding,
  deleteBinding,
  readBinding,
  replaceBinding,
} from '../../kube/rbac-write.js';
import type { StepContext } from '../contract/module.js';
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
  await ctx.journal.mutation(
    {
      step: 'rbac',
      action: `dry-run create ${kind}`,
      target: bindingLabel(plan.createdAt),
      detail: { dryRun: 'All', body: plan.created },
    },
    () => createBinding(kc, plan.old.kind, plan.created, true),
  );
  progress(`✔ dry run: the API server accepts ${bindingLabel(plan.createdAt)}`);
  await changeOld(ctx, plan, true);
  progress(
    `✔ dry run: the API server accepts ${plan.oldAfter ? 'the update of' : 'the deletion of'} ${bindingLabel(plan.old)}`,
  );
}

/** Creates the group binding, then reads it back to prove it exists with the group subject. */
export async function createGroupBinding(
  ctx: Ctx,
  plan: ReplacementPlan,
  progress: Progress,
): Promise<void> {
  const { kc } = ctx.connection;
  await ctx.journal.mutation(
    {
      step: 'rbac',
      action: `create ${kindOf(plan)}`,
      target: bindingLabel(plan.createdAt),
      detail: { body: plan.created },
    },
    () => createBinding(kc, plan.old.kind, plan.created, false),
  );
  const back = await readBinding(kc, plan.createdAt);
  if (!back.subjects?.some((s) => s.kind === 'Group' && s.name === plan.group))
    throw new Error(
      `${bindingLabel(plan.createdAt)} was created but does not name group ${plan.group}`,
    );
  progress(`✔ created ${bindingLabel(plan.createdAt)} and read it back`);
}

/** Removes the user from the old binding (update on a fresh copy), or deletes it if it was the only subject. */
export async function removeUser(
  ctx: Ctx,
  plan: ReplacementPlan,
  progress: Progress,
): Promise<void> {
  await changeOld(ctx, plan, false);
  progress(
    plan.oldAfter
      ? `✔ removed ${plan.candidate.user} from ${bindingLabel(plan.old)}`
      : `✔ deleted ${bindingLabel(plan.old)}`,
  );
}

async function changeOld(ctx: Ctx, plan: ReplacementPlan, dryRun: boolean): Promise<void> {
  const { kc } = ctx.connection;
  const target = bindingLabel(plan.old);
  const prefix = dryRun ? 'dry-run ' : '';
  const detail = { user: plan.candidate.user, ...(dryRun ? { dryRun: 'All' } : {}) };
  if (!plan.oldAfter) {
    await ctx.journal.mutation(
      { step: 'rbac', action: `${prefix}delete ${kindOf(plan)}`, target, detail },
      () => deleteBinding(kc, plan.old, dryRun),
    );
    return;
  }
  const fresh = await readBinding(kc, plan.old);
  const next = withoutUser(fresh, plan.candidate.user);
  await ctx.journal.mutation(
    {
      step: 'rbac',
      action: `${prefix}remove user from ${kindOf(plan)}`,
      target,
      detail: { ...detail, subjects: next.subjects },
    },
    () => replaceBinding(kc, plan.old, next, dryRun),
  );
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
  await ctx.journal.mutation(
    { step: 'rbac', action: `undo: delete ${kindOf(plan)}`, target: bindingLabel(plan.createdAt) },
    () => deleteBinding(kc, plan.createdAt, false),
  );
  progress(`✔ deleted ${bindingLabel(plan.createdAt)}`);
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
    await ctx.journal.mutation(
      { step: 'rbac', action: `undo: recreate ${kindOf(plan)}`, target, detail: { body } },
      () => createBinding(kc, plan.old.kind, body, false),
    );
  } else {
    const fresh = await readBinding(kc, plan.old);
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
