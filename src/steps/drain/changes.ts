import { planBatches } from '../../checks/drain/plan.js';
import { defaultPlan, type DrainFacts } from '../../checks/drain/findings.js';
import { DEFAULT_DRAIN_OPTIONS, type DrainOptions, type NodePlan } from '../../model/drain.js';
import type { StepSession } from '../lifecycle/step-session.js';
import { drainConfirmation } from './confirmations.js';
import { drainRefusal } from './rights.js';
import { runDrain, type DrainTimings } from './run/run-drain.js';
import type { DrainProgress } from './run/progress.js';
import type { DrainState } from './state.js';
import { crossing } from './crossing.js';
import { nodeWrites } from './node-writes.js';
import { plural } from '../../model/plural.js';
import type { StepJournal } from '../../model/journal.js';

type Session = StepSession<DrainFacts, DrainState>;

/** How often, at most, live progress reaches the screen. */
const PROGRESS_EVERY_MS = 50;

/**
 * Each node's preview under `options`, for a drain of `names` in that order (default: every node,
 * in the table's order): nodes of one batch share each budget's allowance.
 */
export function previewsOf(
  facts: DrainFacts,
  options: DrainOptions,
  names: readonly string[] = facts.nodes.map((n) => n.name),
): Record<string, NodePlan> {
  // The look's findings planned each node alone with the default options (one at a time) already.
  if (options === DEFAULT_DRAIN_OPTIONS) {
    return Object.fromEntries(names.map((n) => [n, defaultPlan(facts, n)]));
  }
  return planBatches(names, facts.podsByNode, facts.world, options);
}

/** Cordons and drains the named nodes after their confirmation, with live progress. */
export async function drainNodes(
  s: Session,
  names: string[],
  timings: DrainTimings,
): Promise<void> {
  const { state, ctx } = s;
  const chosen = state.nodes.filter((n) => names.includes(n.name));
  if (chosen.length === 0 || state.phase === 'running') return;
  const refused = drainRefusal(state.rights, state.options, s.mode.readOnly);
  if (refused) return ctx.show({ result: [`Not offered: ${refused}.`] });
  const crossed = crossing(s, chosen);
  if (crossed) return ctx.show({ result: crossed });
  const undrainable = chosen.filter((n) => state.previews[n.name]?.drainable === false);
  if (undrainable.length > 0) {
    return ctx.show({
      result: [
        `Not started: ${undrainable.map((n) => n.name).join(', ')} has pods these options refuse to evict (see the preview).`,
      ],
    });
  }
  // Asked with the chosen nodes' own batches: those drained together share each budget.
  const previews = s.facts
    ? previewsOf(
        s.facts,
        state.options,
        chosen.map((n) => n.name),
      )
    : state.previews;
  await s.change({
    wire: 'kube',
    what: 'drain',
    confirm: drainConfirmation(ctx.cluster, chosen, previews, state.options, s.mode.dryRun),
    run: async (_progress, signal) => {
      s.set({ phase: 'running', progress: undefined, resume: undefined });
      // Other steps see it: an AKS operation on these pools would cross it (offered as unavailable).
      const pools = [...new Set(chosen.map((n) => n.pool).filter((p) => p !== ''))];
      if (!s.mode.dryRun) ctx.operations?.drainRuns({ nodes: chosen.map((n) => n.name), pools });
      try {
        return await drainRun(signal);
      } finally {
        if (!s.mode.dryRun) ctx.operations?.drainRuns(undefined);
      }
    },
    // The outcome is the drain's own progress: shown at once, with the nodes read again after.
    verify: 'after',
    done: (progress) => doneWith(progress),
  });

  async function drainRun(signal: AbortSignal): Promise<DrainProgress> {
    let latest: DrainProgress | undefined;
    let timer: NodeJS.Timeout | undefined;
    const names = chosen.map((n) => n.name);
    const writes = nodeWrites(s, signal);
    const journal = counting(writes.journal);
    // The whole plan is journaled first: a session killed mid-drain is resumed with every
    // node of the run, not only the pod that was in flight.
    const run = (): Promise<DrainProgress> =>
      runDrain(names, state.options, {
        ...writes,
        journal: journal.journal,
        timings,
        onProgress: (p) => {
          latest = p;
          timer ??= setTimeout(() => {
            timer = undefined;
            if (latest) s.set({ progress: latest });
          }, PROGRESS_EVERY_MS);
        },
      });
    const progress = s.mode.dryRun
      ? await run()
      : await ctx.journal.mutation(
          {
            step: 'drain',
            action: 'drain nodes',
            target: `nodes/${names.join(',')}`,
            detail: {
              nodes: names,
              // A resumed session must not offer to lift cordons that were never this one's.
              cordonedBefore: chosen.filter((n) => !n.schedulable).map((n) => n.name),
            },
          },
          run,
        );
    if (timer) clearTimeout(timer);
    // A dry run journals its requests (the cordon, each eviction, as server-side dry runs). One of
    // nodes needing no change (cordoned already, no pod to evict) sends none: it is journaled as
    // a rehearsal all the same, so it counts in the Summary as every dry run answered yes does.
    if (s.mode.dryRun && journal.sent() === 0) {
      await ctx.journal.note('drain', `dry run: drain of ${names.join(', ')}: nothing to send`, {
        wire: 'kube',
        sent: 0,
        nodes: progress.nodes.map((n) => ({ node: n.name, phase: n.phase, notes: n.notes })),
      });
    }
    return progress;
  }

  function doneWith(progress: DrainProgress) {
    // A node whose cordon's outcome is unknown is offered too: the uncordon reads before it writes.
    // A cordon found in place is someone else's: theirs to lift, never offered as this session's.
    const cordoned = progress.nodes
      .filter((n) => (n.cordoned && !n.cordonedBefore) || n.maybeCordoned)
      .map((n) => n.name);
    const leftCordoned = [...new Set([...s.state.leftCordoned, ...cordoned])];
    // Followed from now on by the looks (settledCordons), like a cordon action's.
    const maybe = progress.nodes.flatMap((n) =>
      n.maybeCordoned ? [[n.name, n.cordonSettlesAt ?? Date.now()] as const] : [],
    );
    const sure = new Set(progress.nodes.filter((n) => n.cordoned).map((n) => n.name));
    const before = Object.entries(s.state.maybeCordoned ?? {}).filter(([n]) => !sure.has(n));
    const maybeCordoned = Object.fromEntries([...before, ...maybe]);
    s.set({ phase: 'done', progress, leftCordoned, maybeCordoned });
    const drained = progress.nodes.filter((n) => n.phase === 'drained').length;
    return {
      result: resultLines(progress, s.mode.dryRun),
      ...(drained > 0 ? { changed: `drained ${plural(drained, 'node')}` } : {}),
    };
  }
}

function resultLines(progress: DrainProgress, dryRun: boolean): string[] {
  const lines = progress.nodes.map((n) => {
    const gone = n.pods.filter((p) => p.state === 'gone' || p.state === 'accepted').length;
    const mark =
      n.phase === 'drained' || n.phase === 'checked'
        ? '✔'
        : n.phase === 'queued'
          ? '·'
          : n.phase === 'would-wait'
            ? '⏸'
            : n.phase === 'cordon-unknown'
              ? '?'
              : '✖';
    const cordon = n.cordoned ? ', cordoned' : n.maybeCordoned ? ', maybe cordoned' : '';
    return `${mark} ${n.name}: ${n.phase} (${gone}/${n.pods.length} pods ${dryRun ? 'accepted' : 'moved'}${cordon})`;
  });
  if (progress.stopped) lines.push(`Stopped: ${progress.stopped}.`);
  const held = progress.nodes.filter((n) => n.phase === 'would-wait');
  if (dryRun && held.length > 0)
    lines.push(
      `Budgets would hold up ${held.map((n) => n.name).join(', ')}: a real drain waits on them (up to each node's timeout) and stops at the first that does not clear.`,
    );
  if (dryRun) lines.push('Dry run: the server checked each request; nothing changed.');
  return lines;
}

/** `journal`, counting the requests journaled through it (`sent`). */
function counting(journal: StepJournal): { journal: StepJournal; sent: () => number } {
  let sent = 0;
  return {
    sent: () => sent,
    journal: {
      get path() {
        return journal.path;
      },
      mutation: (intent, act) => {
        sent++;
        return journal.mutation(intent, act);
      },
      settled: (lost, outcome, how) => journal.settled(lost, outcome, how),
      note: (step, message, detail) => journal.note(step, message, detail),
      read: () => journal.read(),
      writeTranscript: () => journal.writeTranscript(),
    },
  };
}
