import type { ConfirmationRequest, SessionMode } from '../model/session.js';
import type { StepId } from '../model/checklist.js';
import type {
  InspectContext,
  Inspection,
  StepContext,
  StepController,
  StepFactory,
} from './contract/module.js';

/** One change a step offers after inspecting: planned, shown, confirmed, run, verified. */
export interface ActionSpec<Facts, Plan> {
  key: string;
  label: string;
  /** Why the action cannot be used now, or undefined when it can. */
  unavailable?(facts: Facts, mode: SessionMode): string | undefined;
  /** Pure: what exactly would change. */
  plan(facts: Facts): Plan;
  /** The plan as lines for the operator. */
  describe(plan: Plan): string[];
  confirmation(plan: Plan, cluster: string): ConfirmationRequest;
  /** Does it, journaling each mutation; returns result lines. */
  run(
    plan: Plan,
    ctx: StepContext,
    progress: (line: string) => void,
    signal: AbortSignal,
  ): Promise<string[]>;
}

/** A step made of an inspection and optional actions; verification is a fresh inspection. */
export interface SimpleStep<Facts, Plan = never> {
  id: StepId;
  inspect(ctx: InspectContext): Promise<Inspection<Facts>>;
  actions?: ActionSpec<Facts, Plan>[];
}

/** The controller for a simple step: inspect on open, then one action at a time. */
export function simpleStep<Facts, Plan>(step: SimpleStep<Facts, Plan>): StepFactory {
  return (ctx: StepContext): StepController => {
    let facts: Facts | undefined;
    const inspect = async (): Promise<void> => {
      ctx.status({ kind: 'running' });
      const seen = await step.inspect(ctx);
      facts = seen.facts;
      ctx.show({ summary: seen.summary, findings: seen.findings, actions: offered(seen.facts) });
      ctx.status(
        seen.findings.length > 0
          ? { kind: 'findings', count: seen.findings.length }
          : { kind: 'ok' },
      );
    };
    const offered = (f: Facts) =>
      // Read-only hides changes entirely: they are not shown as disabled, they do not exist.
      ctx.mode.readOnly
        ? []
        : (step.actions ?? []).map((a) => ({
            key: a.key,
            label: a.label,
            unavailable: a.unavailable?.(f, ctx.mode),
          }));
    return {
      open: async () => {
        if (facts === undefined) await inspect();
      },
      send: async (event) => {
        if (event.type !== 'action' || facts === undefined || ctx.mode.readOnly) return;
        const action = step.actions?.find((a) => a.key === event.key);
        if (!action || action.unavailable?.(facts, ctx.mode)) return;
        const plan = action.plan(facts);
        ctx.show({ plan: action.describe(plan), progress: undefined, result: undefined });
        if (!(await ctx.confirm(action.confirmation(plan, ctx.cluster)))) {
          ctx.show({ result: ['Cancelled: nothing was changed.'] });
          return;
        }
        const progress: string[] = [];
        const onProgress = (line: string): void => {
          progress.push(line);
          ctx.show({ progress: [...progress] });
        };
        const result = await ctx.busy((signal) => action.run(plan, ctx, onProgress, signal));
        await inspect();
        ctx.show({ result });
        ctx.status({ kind: 'changed', what: action.label });
      },
    };
  };
}
