import { describeEdits, editConfirmation, planRuleEdits, sendEdits } from './fix-rule.js';
import { lookedAt, type ImdsSession } from './session.js';
import { blockedOutcome } from './outcome-words.js';

/** Edit the rules that re-open the endpoint in one namespace, checked first (the `e` key). */
export async function fixRulesFlow(s: ImdsSession, namespace: string): Promise<void> {
  const seen = lookedAt(s);
  const { ctx, state } = s;
  const row = state.rows.find((r) => r.namespace === namespace);
  const verdict = seen?.assessment.namespaces.find(
    (a) => a.verdict.namespace === namespace,
  )?.verdict;
  if (!seen || !row || !verdict || row.verdict !== 'reopened' || !state.apply) return;
  if (row.rights.patch) {
    ctx.show({ result: [`✖ Not offered: ${row.rights.patch}`] });
    return;
  }
  const names = [...new Set(verdict.reopenings.map((r) => r.policy))];
  const planned = await planRuleEdits(ctx, seen.facts, namespace, names);
  const lines = describeEdits(planned);
  const notOffered = planned
    .filter((e) => !e.check.safe)
    .map((e) => `✖ Not offered: ${e.namespace}/${e.name}: ${e.check.why ?? 'the check failed'}`);
  const edits = planned.filter((e) => e.check.safe);
  if (edits.length === 0) {
    // Read live, none of the policies opens the endpoint any more (edited since the look).
    ctx.show({
      plan: lines,
      result:
        notOffered.length > 0
          ? notOffered
          : [
              `✔ Already in place: as stored now, ${names.join(', ')} no longer allow${names.length === 1 ? 's' : ''} 169.254.169.254; nothing was sent.`,
            ],
    });
    await s.look();
    return;
  }
  await s.change({
    wire: 'kube',
    what: `edit of the rules re-opening the endpoint in ${namespace}`,
    plan: lines,
    preflight: async (progress) => {
      const refused = await sendEdits(ctx, edits, true, progress);
      return refused ? [refused] : [];
    },
    refused: (refusals) => [
      '✖ The API server refused the dry run; nothing was changed:',
      ...refusals,
    ],
    dryRun: ['Dry run only: the API server accepted the edit; nothing was changed.', ...notOffered],
    confirm: editConfirmation(ctx, edits),
    cancelled: ['Cancelled: nothing was changed.', ...notOffered],
    run: (progress) => sendEdits(ctx, edits, false, progress),
    done: (failed, fresh) => {
      const now = s.state.rows.find((r) => r.namespace === namespace);
      return {
        result: [
          // The rows are from before the edit when the look after it failed.
          !fresh
            ? `• ${namespace}: rules edited, not verified`
            : now?.verdict === 'blocked' && now.enforced !== false
              ? blockedOutcome(namespace, now, 'rules edited')
              : `△ ${namespace}: now ${now?.enforced === false ? 'not enforced' : (now?.verdict ?? 'unknown')} (see its row)`,
          ...notOffered,
          ...(failed ? [`✖ stopped: ${failed}`] : []),
        ],
        changed: `edited re-opening rules in ${namespace}`,
      };
    },
  });
}
