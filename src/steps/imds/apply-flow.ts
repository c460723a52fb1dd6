import { engineTraits } from '../../checks/imds/engine.js';
import { applyConfirmation, applyPlan, checkedPlan, createAll, dryRunAll } from './apply.js';
import type { ImdsHost } from './host.js';
import { deleteAll, ourPolicies, rollbackConfirmation } from './rollback.js';

/** Apply: check, dry-run, confirm, create, verify (the `a` key). */
export async function applyFlow(host: ImdsHost): Promise<void> {
  const { ctx } = host;
  const facts = host.facts();
  const state = host.state();
  if (!facts || state.apply?.unavailable !== undefined || !state.apply) return;
  const traits = engineTraits(facts.engine);
  const checked = checkedPlan(facts, applyPlan(state.rows, traits), traits);
  const plan = checked.plan;
  if (plan.create.length === 0) {
    ctx.show({
      result: ['✖ Nothing offered: the check refused every namespace.', ...checked.refused],
    });
    return;
  }
  const refused = await host.run(plan.lines, (p, signal) =>
    dryRunAll(ctx, plan, traits, p, signal),
  );
  if (refused.length > 0) {
    ctx.show({
      result: ['✖ The API server refused the dry run; nothing was created:', ...refused],
    });
    return;
  }
  if (ctx.mode.dryRun) {
    ctx.show({
      result: [
        `Dry run only: the API server accepted all ${plan.create.length} policies; nothing was created.`,
        ...checked.refused,
      ],
    });
    return;
  }
  if (!(await ctx.confirm(applyConfirmation(ctx, plan, traits, checked.closes)))) {
    ctx.show({ result: ['Cancelled: nothing was changed.', ...checked.refused] });
    return;
  }
  const done = await host.run(plan.lines, (p, signal) => createAll(ctx, plan, traits, p, signal));
  await host.inspect();
  const result = plan.create.map((ns) => {
    const row = host.state().rows.find((r) => r.namespace === ns);
    if (!done.created.includes(ns)) return `– ${ns}: not created`;
    if (row?.enforced === false) return `△ ${ns}: created, but not enforced (no policy engine)`;
    return row?.verdict === 'blocked'
      ? `✔ ${ns}: verified blocked`
      : `✖ ${ns}: still ${row?.verdict ?? 'unknown'} after the change`;
  });
  ctx.show({
    result: [...result, ...checked.refused, ...(done.failed ? [`✖ stopped: ${done.failed}`] : [])],
  });
  ctx.status({
    kind: 'changed',
    what: `restrict-instance-metadata in ${done.created.length} namespace(s)`,
  });
}

/** Roll back: delete the policies this tool created (the `r` key). */
export async function rollbackFlow(host: ImdsHost): Promise<void> {
  const { ctx } = host;
  const facts = host.facts();
  const state = host.state();
  if (!facts || state.rollback?.unavailable !== undefined || !state.rollback) return;
  const ours = ourPolicies(facts.policies);
  const lines = ours.map((p) => `${p.namespace}: delete NetworkPolicy ${p.name}`);
  if (!ctx.mode.dryRun && !(await ctx.confirm(rollbackConfirmation(ctx, ours)))) {
    ctx.show({ plan: lines, result: ['Cancelled: nothing was changed.'] });
    return;
  }
  const done = await host.run(lines, (p, signal) => deleteAll(ctx, ours, p, signal));
  await host.inspect();
  ctx.show({
    result: [
      ctx.mode.dryRun
        ? `Dry run only: the API server accepted ${done.deleted.length} deletions; nothing was deleted.`
        : `✔ Rolled back: deleted ${done.deleted.join(', ') || 'nothing'}.`,
      ...(done.failed ? [`✖ stopped: ${done.failed}`] : []),
    ],
  });
  if (!ctx.mode.dryRun)
    ctx.status({ kind: 'changed', what: `rolled back ${done.deleted.length} policies` });
}
