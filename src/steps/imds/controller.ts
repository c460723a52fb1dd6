import { defaultScope, type ImdsAssessment, type ImdsFacts } from '../../checks/imds/assess.js';
import { engineTraits } from '../../checks/imds/engine.js';
import { proposalsFor, type ProposedFix } from '../../checks/imds/proposals.js';
import type { StepContext, StepController, StepEvent } from '../types.js';
import { applyConfirmation, applyPlan, checkedPlan, createAll, dryRunAll } from './apply.js';
import { inspectImds } from './inspect.js';
import { networkPolicyRights, type NamespaceRights } from './rights.js';
import { deleteAll, ourPolicies, rollbackConfirmation } from './rollback.js';
import { describeEdits, editConfirmation, planRuleEdits, sendEdits } from './fix-rule.js';
import { buildRows, type ImdsRow } from './rows.js';
import { APPLY_KEY, ROLLBACK_KEY, type ImdsState } from './state.js';

/** The imds step's controller: inspect, let the operator choose namespaces, apply, verify, roll back. */
export function imdsController(ctx: StepContext): StepController {
  let facts: ImdsFacts | undefined;
  let assessment: ImdsAssessment | undefined;
  let proposals = new Map<string, ProposedFix[]>();
  let chosen: Set<string> | undefined;
  let rights = new Map<string, NamespaceRights>();
  let state: ImdsState = { phase: 'inspecting', engine: '', rows: [], filter: '' };
  const set = (patch: Partial<ImdsState>) => {
    state = { ...state, ...patch };
    ctx.setState(state);
  };

  // Choosing namespaces changes the plan only: the findings come from the inspection alone.
  const refresh = (): ImdsRow[] => {
    if (!facts || !assessment || !chosen) return [];
    const traits = engineTraits(facts.engine);
    const rows = buildRows(assessment, proposals, chosen, rights, traits);
    ctx.show({ findings: assessment.findings, plan: applyPlan(rows, traits).lines });
    set({
      phase: 'ready',
      engine: traits.label,
      ...(traits.enforces === false
        ? { inert: 'No policy engine: policies are stored but will not be enforced.' }
        : { inert: undefined }),
      rows,
      ...(ctx.mode.readOnly
        ? { apply: undefined, rollback: undefined }
        : {
            apply: { unavailable: applyUnavailable(rows) },
            rollback: { unavailable: rollbackUnavailable(rows) },
          }),
    });
    ctx.status(
      assessment.findings.length > 0
        ? { kind: 'findings', count: assessment.findings.length }
        : { kind: 'ok' },
    );
    return rows;
  };

  const inspect = async (): Promise<void> => {
    set({ phase: 'inspecting' });
    ctx.status({ kind: 'running' });
    const seen = await inspectImds(ctx);
    if ('forbidden' in seen.facts) {
      ctx.show({ findings: seen.findings });
      set({
        phase: 'ready',
        forbidden: seen.facts.forbidden,
        apply: undefined,
        rollback: undefined,
      });
      ctx.status({ kind: 'findings', count: seen.findings.length });
      return;
    }
    facts = seen.facts.facts;
    assessment = seen.facts.assessment;
    chosen ??= defaultScope(assessment);
    proposals = ctx.mode.readOnly
      ? new Map<string, ProposedFix[]>()
      : proposalsFor(facts, assessment, engineTraits(facts.engine));
    if (!ctx.mode.readOnly) {
      rights = await networkPolicyRights(
        ctx.connection.kc,
        facts.namespaces.map((n) => n.name),
      );
    }
    ctx.show({ summary: seen.summary });
    refresh();
  };

  const run = async <T>(
    lines: string[],
    work: (progress: (l: string) => void, signal: AbortSignal) => Promise<T>,
  ): Promise<T> => {
    const progress: string[] = [];
    const onProgress = (line: string) => {
      progress.push(line);
      ctx.show({ progress: [...progress] });
    };
    ctx.show({ plan: lines, progress: [], result: undefined });
    set({ phase: 'running' });
    try {
      return await ctx.busy((signal) => work(onProgress, signal));
    } finally {
      if (state.phase === 'running') set({ phase: 'ready' });
    }
  };

  const apply = async (): Promise<void> => {
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
    const refused = await run(plan.lines, (p, signal) => dryRunAll(ctx, plan, traits, p, signal));
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
    const done = await run(plan.lines, (p, signal) => createAll(ctx, plan, traits, p, signal));
    await inspect();
    const result = plan.create.map((ns) => {
      const row = state.rows.find((r) => r.namespace === ns);
      if (!done.created.includes(ns)) return `– ${ns}: not created`;
      if (row?.enforced === false) return `△ ${ns}: created, but not enforced (no policy engine)`;
      return row?.verdict === 'blocked'
        ? `✔ ${ns}: verified blocked`
        : `✖ ${ns}: still ${row?.verdict ?? 'unknown'} after the change`;
    });
    ctx.show({
      result: [
        ...result,
        ...checked.refused,
        ...(done.failed ? [`✖ stopped: ${done.failed}`] : []),
      ],
    });
    ctx.status({
      kind: 'changed',
      what: `restrict-instance-metadata in ${done.created.length} namespace(s)`,
    });
  };

  const rollback = async (): Promise<void> => {
    if (!facts || state.rollback?.unavailable !== undefined || !state.rollback) return;
    const ours = ourPolicies(facts.policies);
    const lines = ours.map((p) => `${p.namespace}: delete NetworkPolicy ${p.name}`);
    if (!ctx.mode.dryRun && !(await ctx.confirm(rollbackConfirmation(ctx, ours)))) {
      ctx.show({ plan: lines, result: ['Cancelled: nothing was changed.'] });
      return;
    }
    const done = await run(lines, (p, signal) => deleteAll(ctx, ours, p, signal));
    await inspect();
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
  };

  const fixRules = async (namespace: string): Promise<void> => {
    const row = state.rows.find((r) => r.namespace === namespace);
    const verdict = assessment?.namespaces.find((a) => a.verdict.namespace === namespace)?.verdict;
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
    const refused = await run(lines, (p) => sendEdits(ctx, edits, true, p));
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
    const failed = await run(lines, (p) => sendEdits(ctx, edits, false, p));
    await inspect();
    const now = state.rows.find((r) => r.namespace === namespace);
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
  };

  return {
    open: async () => {
      if (!facts && state.forbidden === undefined) await inspect();
    },
    send: async (event: StepEvent) => {
      if (state.phase !== 'ready') return;
      if (event.type === 'filter' && typeof event['text'] === 'string') {
        set({ filter: event['text'] });
      } else if (event.type === 'toggle' && typeof event['namespace'] === 'string' && chosen) {
        const ns = event['namespace'];
        if (chosen.has(ns)) chosen.delete(ns);
        else chosen.add(ns);
        await ctx.journal.note(
          'imds',
          `${chosen.has(ns) ? 'included' : 'excluded'} namespace ${ns}`,
        );
        refresh();
      } else if (event.type === 'fix' && typeof event['namespace'] === 'string') {
        if (!ctx.mode.readOnly) await fixRules(event['namespace']);
      } else if (event.type === 'action' && !ctx.mode.readOnly) {
        if (event.key === APPLY_KEY) await apply();
        else if (event.key === ROLLBACK_KEY) await rollback();
      }
    },
  };
}

function applyUnavailable(rows: readonly ImdsRow[]): string | undefined {
  const targets = rows.filter((r) => r.chosen && r.action === 'create');
  if (targets.length === 0) return 'no chosen namespace lacks egress isolation';
  const refused = targets.filter((r) => r.rights.create);
  if (refused.length > 0)
    return `you may not create networkpolicies in ${refused.map((r) => r.namespace).join(', ')} (space excludes a namespace)`;
  return undefined;
}

function rollbackUnavailable(rows: readonly ImdsRow[]): string | undefined {
  const ours = rows.filter((r) => r.ours);
  if (ours.length === 0) return 'no policy created by aks-runbook is present';
  const refused = ours.filter((r) => r.rights.delete);
  if (refused.length > 0)
    return `you may not delete networkpolicies in ${refused.map((r) => r.namespace).join(', ')}`;
  return undefined;
}
