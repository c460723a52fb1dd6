import { engineTraits, ipv6PodsIn } from '../../checks/imds/engine.js';
import { createAll } from './apply.js';
import { applyConfirmation } from './apply-confirmation.js';
import { applyPlan, checkedPlan } from './apply-plan.js';
import { dryRunAll } from './dry-run.js';
import { deleteAll, ourPolicies, rollbackConfirmation, rollbackPlan } from './rollback.js';
import { lookedAt, type ImdsSession } from './session.js';
import { plural } from '../../model/plural.js';
import { blockedOutcome } from './outcome-words.js';

/** Apply (`a`): check, dry-run, confirm, create, verify. */
export async function applyFlow(s: ImdsSession): Promise<void> {
  const seen = lookedAt(s);
  if (!seen) return;
  const { ctx } = s;
  const traits = engineTraits(seen.facts.engine, ipv6PodsIn(seen.facts.pods));
  const checked = checkedPlan(
    seen.facts,
    applyPlan(s.state.rows, traits, seen.facts.policies),
    traits,
  );
  const plan = checked.plan;
  if (plan.create.length === 0) {
    ctx.show({
      result: ['✖ Nothing offered: the check refused every namespace.', ...checked.refused],
    });
    return;
  }
  await s.change({
    wire: 'kube',
    what: 'restrict-instance-metadata policies',
    plan: plan.lines,
    preflight: (progress, signal) => dryRunAll(ctx, seen.facts, plan, traits, progress, signal),
    refused: (refusals) => ['✖ The dry run was refused; nothing was created:', ...refusals],
    dryRun: [
      `Dry run only: the API server accepted ${plan.create.length === 1 ? 'the policy' : `all ${plural(plan.create.length, 'policy')}`}; nothing was created.`,
      ...checked.refused,
    ],
    confirm: applyConfirmation(ctx, plan, traits, checked.closes),
    cancelled: ['Cancelled: nothing was changed.', ...checked.refused],
    run: (progress, signal) => createAll(ctx, seen.facts, plan, traits, progress, signal),
    done: (done, fresh) => ({
      result: [
        ...plan.create.map((ns) => {
          const row = s.state.rows.find((r) => r.namespace === ns);
          if (done.unknown === ns) return `? ${ns}: sent, outcome unknown (see below)`;
          if (done.differs === ns)
            return `✖ ${ns}: sent, answer lost; not there as sent (see below)`;
          if (!done.created.includes(ns)) return `– ${ns}: not created`;
          // The rows are from before the change when the look after it failed.
          if (!fresh) return `• ${ns}: created, not verified`;
          if (row?.verdict === 'blocked') {
            if (done.replaced.includes(ns))
              return blockedOutcome(ns, row, 'older policy replaced', 'older policy replaced, ');
            return done.adopted.includes(ns)
              ? blockedOutcome(ns, row, 'already in place', 'already in place, ')
              : blockedOutcome(ns, row, 'created');
          }
          if (row?.enforced === false)
            return `△ ${ns}: created, but not enforced (no policy engine)`;
          return `✖ ${ns}: still ${row?.verdict ?? 'unknown'} after the change`;
        }),
        ...checked.refused,
        ...(done.failed ? [`${done.unknown ? '?' : '✖'} stopped: ${done.failed}`] : []),
      ],
      changed: `restrict-instance-metadata in ${plural(done.created.length, 'namespace')}`,
    }),
  });
}

/** Roll back (`r`): delete the policies this tool created. */
export async function rollbackFlow(s: ImdsSession): Promise<void> {
  const seen = lookedAt(s);
  if (!seen) return;
  const { ctx } = s;
  const ours = ourPolicies(seen.facts.policies);
  await s.change({
    wire: 'kube',
    what: 'rollback of our policies',
    plan: rollbackPlan(seen.facts.policies),
    confirm: rollbackConfirmation(ctx, ours),
    run: (progress, signal) => deleteAll(ctx, ours, progress, signal),
    done: (done) => ({
      result: [
        s.mode.dryRun
          ? `Dry run only: the API server accepted ${plural(done.deleted.length, 'deletion')}; nothing was deleted.`
          : done.failed
            ? `Rolled back in part: deleted ${done.deleted.join(', ') || 'none'} before the stop.`
            : `✔ Rolled back: deleted ${done.deleted.join(', ') || 'nothing'}.`,
        ...(done.failed ? [`${done.unknown ? '?' : '✖'} stopped: ${done.failed}`] : []),
      ],
      ...(s.mode.dryRun ? {} : { changed: `rolled back ${plural(done.deleted.length, 'policy')}` }),
    }),
  });
}
