import type { DrainFacts } from '../../checks/drain/findings.js';
import { planNode } from '../../checks/drain/plan.js';
import { DEFAULT_DRAIN_OPTIONS, type DrainOptions } from '../../model/drain.js';
import { describeAccess } from '../../kube/access-review.js';
import { type AccessQuestion } from '../../model/access.js';
import { kuredLockOf } from './facts.js';
import { listAllDaemonSets } from '../../kube/lists.js';
import type { StepContext, StepController, StepFactory } from '../lifecycle/legacy.js';
import { drainConfirmation, uncordonConfirmation } from './confirmations.js';
import { inspectDrain } from './inspect.js';
import { KUBECTL_TIMINGS, runDrain, type DrainTimings } from './run/run-drain.js';
import type { DrainProgress } from './state.js';
import { uncordonNodes } from './run/uncordon.js';
import { resumeReport } from './resume-report.js';
import type { DrainEvent, DrainRights, DrainState } from './state.js';
import type { InFlightChange } from '../../model/journal.js';

/**
 * How the step module reaches the controller made for a context: `StepModule.resume` gets the
 * same context the host gave the factory, and the controller holds the facts and state.
 */
const resumers = new WeakMap<StepContext, (intents: InFlightChange[]) => Promise<void>>();

/** Picks up a drain an earlier session left in flight, on the controller made for `ctx`. */
export async function resumeDrain(ctx: StepContext, intents: InFlightChange[]): Promise<void> {
  await resumers.get(ctx)?.(intents);
}

/** How often, at most, live progress reaches the screen. */
const PROGRESS_EVERY_MS = 50;

async function rightsOf(ctx: StepContext): Promise<DrainRights> {
  const ask = async (q: AccessQuestion): Promise<string | undefined> => {
    try {
      const answer = await ctx.connection.rights.ask(q);
      return answer.allowed ? undefined : `you may not ${describeAccess(q)}`;
    } catch {
      return `could not ask whether you may ${describeAccess(q)}`;
    }
  };
  const [cordon, evict, del] = await Promise.all([
    ask({ verb: 'patch', resource: 'nodes' }),
    ask({ verb: 'create', resource: 'pods', subresource: 'eviction' }),
    ask({ verb: 'delete', resource: 'pods' }),
  ]);
  return {
    ...(cordon ? { cordon } : {}),
    ...(evict ? { evict } : {}),
    ...(del ? { delete: del } : {}),
  };
}

/** The drain step's controller; `timings` lets tests shorten kubectl's 5 s / 1 s intervals. */
export function drainController(timings: DrainTimings = KUBECTL_TIMINGS): StepFactory {
  return (ctx: StepContext): StepController => {
    let facts: DrainFacts | undefined;
    let state: DrainState = {
      phase: 'loading',
      cluster: ctx.cluster,
      nodes: [],
      previews: {},
      options: DEFAULT_DRAIN_OPTIONS,
      rights: {},
      readOnly: ctx.mode.readOnly,
      dryRun: ctx.mode.dryRun,
      leftCordoned: [],
    };
    let abort: AbortController | undefined;
    const set = (patch: Partial<DrainState>) => {
      state = { ...state, ...patch };
      ctx.setState(state);
    };
    const previews = (options: DrainOptions) =>
      Object.fromEntries(
        (facts?.nodes ?? []).map((n) => [
          n.name,
          planNode(n.name, facts!.podsByNode[n.name] ?? [], facts!.world, options),
        ]),
      );
    const inspect = async () => {
      ctx.status({ kind: 'running' });
      const [seen, rights] = await Promise.all([
        inspectDrain(ctx),
        ctx.mode.readOnly ? Promise.resolve({}) : rightsOf(ctx),
      ]);
      facts = seen.facts;
      ctx.show({ summary: seen.summary, findings: seen.findings });
      const phase = state.phase === 'loading' ? 'choose' : state.phase;
      set({ phase, nodes: facts.nodes, previews: previews(state.options), rights });
      ctx.status(
        seen.findings.length > 0
          ? { kind: 'findings', count: seen.findings.length }
          : { kind: 'ok' },
      );
    };
    const whyNot = (options: DrainOptions): string | undefined => {
      if (ctx.mode.readOnly) return 'read-only mode';
      const r = state.rights;
      return r.cordon ?? (options.disableEviction ? r.delete : r.evict);
    };

    const drain = async (names: string[]) => {
      const chosen = state.nodes.filter((n) => names.includes(n.name));
      if (chosen.length === 0 || state.phase === 'running') return;
      const refused = whyNot(state.options);
      if (refused) return set({ result: [`Not offered: ${refused}.`] });
      const undrainable = chosen.filter((n) => state.previews[n.name]?.drainable === false);
      if (undrainable.length > 0) {
        return set({
          result: [
            `Not started: ${undrainable.map((n) => n.name).join(', ')} has pods these options refuse to evict (see the preview).`,
          ],
        });
      }
      const request = drainConfirmation(
        ctx.cluster,
        chosen,
        state.previews,
        state.options,
        ctx.mode.dryRun,
      );
      if (!(await ctx.confirm(request)))
        return set({ result: ['Cancelled: nothing was changed.'] });
      abort = new AbortController();
      const own = abort.signal;
      set({ phase: 'running', result: undefined, progress: undefined, resume: undefined });
      let latest: DrainProgress | undefined;
      let timer: NodeJS.Timeout | undefined;
      const flush = () => {
        timer = undefined;
        if (latest) set({ progress: latest });
      };
      const progress = await ctx.busy((quit) =>
        runDrain(
          chosen.map((n) => n.name),
          state.options,
          {
            kc: ctx.connection.kc,
            server: ctx.connection.kubeServer,
            journal: ctx.journal,
            dryRun: ctx.mode.dryRun,
            timings,
            signal: AbortSignal.any([quit, own]),
            onProgress: (p) => {
              latest = p;
              timer ??= setTimeout(flush, PROGRESS_EVERY_MS);
            },
          },
        ),
      );
      if (timer) clearTimeout(timer);
      abort = undefined;
      const cordoned = progress.nodes.filter((n) => n.cordoned).map((n) => n.name);
      const leftCordoned = [...new Set([...state.leftCordoned, ...cordoned])];
      set({
        phase: 'done',
        progress,
        leftCordoned,
        result: resultLines(progress, ctx.mode.dryRun),
      });
      await inspect();
      const drained = progress.nodes.filter((n) => n.phase === 'drained').length;
      if (drained > 0) ctx.status({ kind: 'changed', what: `drained ${drained} node(s)` });
    };

    const uncordon = async (names: string[]) => {
      if (ctx.mode.readOnly || state.rights.cordon || state.phase === 'running') return;
      // Read kured's lock right before asking: it may have taken the node since the table loaded.
      const lock = kuredLockOf(await listAllDaemonSets(ctx.connection.kc).catch(() => []));
      const chosen = state.nodes
        .filter((n) => names.includes(n.name))
        .map((n) => ({ ...n, kuredLock: n.kuredLock || lock.includes(n.name) }));
      if (chosen.length === 0) return;
      if (!(await ctx.confirm(uncordonConfirmation(ctx.cluster, chosen, ctx.mode.dryRun)))) {
        return set({ result: ['Kept cordoned: nothing was changed.'] });
      }
      const lines = await ctx.busy((signal) =>
        uncordonNodes(
          chosen.map((n) => n.name),
          {
            kc: ctx.connection.kc,
            server: ctx.connection.kubeServer,
            journal: ctx.journal,
            dryRun: ctx.mode.dryRun,
            signal,
          },
        ),
      );
      const done = ctx.mode.dryRun ? [] : chosen.map((n) => n.name);
      set({
        result: lines,
        leftCordoned: state.leftCordoned.filter((n) => !done.includes(n)),
        // An uncordoned node is no longer "an interrupted drain to continue".
        resume: undefined,
      });
      await inspect();
    };

    resumers.set(ctx, async (intents) => {
      if (!facts) await inspect();
      const report = resumeReport(
        intents,
        facts!,
        state.previews,
        whyNot(state.options) === undefined,
      );
      await ctx.journal.note('drain', 'resume: re-inspected the interrupted drain', {
        nodes: report.nodes,
        pods: report.pods,
      });
      set({
        phase: 'done',
        progress: undefined,
        result: ['An earlier session was interrupted while draining. Now:', ...report.lines],
        leftCordoned: [...new Set([...state.leftCordoned, ...report.cordoned])],
        resume: { toContinue: report.toContinue },
      });
    });

    return {
      open: async () => {
        if (!facts) await inspect();
      },
      send: async (event) => {
        const e = event as DrainEvent;
        switch (e.type) {
          case 'options':
            return set({ options: e.options, previews: previews(e.options) });
          case 'drain':
            return drain(e.nodes);
          case 'abort':
            abort?.abort();
            return;
          case 'uncordon':
            return uncordon(e.nodes);
          case 'refresh':
            return inspect();
          case 'dismiss':
            if (state.phase === 'done')
              set({ phase: 'choose', progress: undefined, resume: undefined });
            return;
        }
      },
    };
  };
}

function resultLines(progress: DrainProgress, dryRun: boolean): string[] {
  const lines = progress.nodes.map((n) => {
    const gone = n.pods.filter((p) => p.state === 'gone' || p.state === 'accepted').length;
    const mark =
      n.phase === 'drained' || n.phase === 'checked' ? '✔' : n.phase === 'queued' ? '·' : '✖';
    const cordon = n.cordoned ? ', cordoned' : '';
    return `${mark} ${n.name}: ${n.phase} (${gone}/${n.pods.length} pods ${dryRun ? 'accepted' : 'moved'}${cordon})`;
  });
  if (progress.stopped) lines.push(`Stopped: ${progress.stopped}.`);
  if (dryRun) lines.push('Dry run: the server checked each request; nothing changed.');
  return lines;
}
