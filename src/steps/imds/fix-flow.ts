import type { ImdsHost } from './host.js';
import { describeEdits, editConfirmation, planRuleEdits, sendEdits } from './fix-rule.js';

/** Edit the rules that re-open the endpoint in one namespace, checked first (the `e` key). */
export async function fixRulesFlow(host: ImdsHost, namespace: string): Promise<void> {
  const { ctx } = host;
  const facts = host.facts();
  const state = host.state();
  const row = state.rows.find((r) => r.namespace === namespace);
  const verdict = host.verdict(namespace);
  if (!facts || !row || !verdict || row.verdict !== 'reopened' || !state.apply) return;
  if (row.rights.patch) {
    ctx.show({ result: [`✖ Not offered: ${row.rights.patch}`] });
    return;
  }
  const names = [...new Set(verdict.reopenings.map((r) => r.policy))];
  const planned = await planRuleEdits(ctx, facts, namespace, names);
  const lines = describeEdits(planned);
  const notOffered = planned
    .filter((e) => !e.check.safe)
    .map((e) => `✖ Not offered: ${e.namespace}/${e.name}: ${e.check.why ?? 'the check failed'}`);
  const edits = planned.filter((e) => e.check.safe);
  if (edits.length === 0) {
    ctx.show({
      plan: lines,
      result: notOffered.length > 0 ? notOffered : ['Nothing to edit now.'],
    });
    return;
  }
  const refused = await host.run(lines, (p) => sendEdits(ctx, edits, true, p));
  if (refused) {
    ctx.show({ result: ['✖ The API server refused the dry run; nothing was changed:', refused] });
    return;
  }
  if (ctx.mode.dryRun) {
    ctx.show({
      result: [
        'Dry run only: the API server accepted the edit; nothing was changed.',
        ...notOffered,
      ],
    });
    return;
  }
  if (!(await ctx.confirm(editConfirmation(ctx, edits)))) {
    ctx.show({ result: ['Cancelled: nothing was changed.', ...notOffered] });
    return;
  }
  const failed = await host.run(lines, (p) => sendEdits(ctx, edits, false, p));
  await host.inspect();
  const now = host.state().rows.find((r) => r.namespace === namespace);
  ctx.show({
    result: [
      now?.verdict === 'blocked' && now.enforced !== false
        ? `✔ ${namespace}: verified blocked`
        : `△ ${namespace}: now ${now?.enforced === false ? 'not enforced' : (now?.verdict ?? 'unknown')} (see its row)`,
      ...notOffered,
      ...(failed ? [`✖ stopped: ${failed}`] : []),
    ],
  });
  ctx.status({ kind: 'changed', what: `edited re-opening rules in ${namespace}` });
}
