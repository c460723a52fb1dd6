import { defaultScope, type ImdsAssessment, type ImdsFacts } from '../../checks/imds/assess.js';
import { engineTraits } from '../../checks/imds/engine.js';
import { probeFindings } from '../../checks/imds/probe.js';
import { proposalsFor, type ProposedFix } from '../../checks/imds/proposals.js';
import type { StepContext, StepController } from '../lifecycle/legacy.js';
import type { StepEvent } from '../lifecycle/legacy.js';
import { applyFlow, rollbackFlow } from './apply-flow.js';
import { applyPlan } from './apply.js';
import { fixRulesFlow } from './fix-flow.js';
import type { ImdsHost } from './host.js';
import { inspectImds } from './inspect.js';
import { probeFlow } from './probe-flow.js';
import { networkPolicyRights, type NamespaceRights } from './rights.js';
import { buildRows } from './rows.js';
import { type ImdsRow } from './state.js';
import { APPLY_KEY, PROBE_KEY, ROLLBACK_KEY, type ImdsState } from './state.js';

/** The imds step's controller: inspect, let the operator choose namespaces, then apply, roll back, edit rules or probe. */
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
    const findings = [...assessment.findings, ...probeFindings(state.probes ?? [])];
    ctx.show({ findings, plan: applyPlan(rows, traits).lines });
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
            probe: { unavailable: probeUnavailable(rows, ctx.mode.dryRun) },
          }),
    });
    ctx.status(findings.length > 0 ? { kind: 'findings', count: findings.length } : { kind: 'ok' });
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
    // Probe results answer the policies as they were: a new look makes them stale.
    set({ probes: undefined });
    chosen ??= defaultScope(assessment);
    proposals = ctx.mode.readOnly
      ? new Map<string, ProposedFix[]>()
      : proposalsFor(facts, assessment, engineTraits(facts.engine));
    if (!ctx.mode.readOnly) {
      rights = await networkPolicyRights(
        ctx.connection.rights,
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

  const host: ImdsHost = {
    ctx,
    facts: () => facts,
    verdict: (ns) => assessment?.namespaces.find((a) => a.verdict.namespace === ns)?.verdict,
    state: () => state,
    set,
    refresh: () => void refresh(),
    inspect,
    run,
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
        if (!ctx.mode.readOnly) await fixRulesFlow(host, event['namespace']);
      } else if (event.type === 'action' && !ctx.mode.readOnly) {
        if (event.key === APPLY_KEY) await applyFlow(host);
        else if (event.key === ROLLBACK_KEY) await rollbackFlow(host);
        else if (event.key === PROBE_KEY) await probeFlow(host);
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

function probeUnavailable(rows: readonly ImdsRow[], dryRun: boolean): string | undefined {
  if (dryRun) return 'a dry run cannot run a pod';
  if (!rows.some((r) => r.chosen)) return 'no namespace is chosen';
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
