import type { DrainFacts } from '../../checks/drain/findings.js';
import { DEFAULT_DRAIN_OPTIONS } from '../../model/drain.js';
import type { InFlightChange } from '../../model/journal.js';
import { watchNodes } from '../../kube/watch-nodes.js';
import { operationConflict } from '../rotation/board-fold.js';
import { defineStep } from '../lifecycle/define.js';
import type { StepSession } from '../lifecycle/step-session.js';
import { drainNodes, previewsOf } from './changes.js';
import { cordon, uncordon } from './cordon-changes.js';
import { inspectDrain } from './inspect.js';
import { resumeReport } from './resume-report.js';
import { drainRefusal, drainRights } from './rights.js';
import { KUBECTL_TIMINGS, type DrainTimings } from './run/run-drain.js';
import type { DrainEvent, DrainState } from './state.js';

type Session = StepSession<DrainFacts, DrainState>;

/** After each look: the nodes, their previews under the current options, the rights. */
async function seen(s: Session): Promise<void> {
  const facts = s.facts!;
  const rights = s.mode.readOnly ? {} : await drainRights(s.ctx.connection.rights);
  s.set({
    phase: s.state.phase === 'loading' ? 'choose' : s.state.phase,
    cluster: s.ctx.cluster,
    readOnly: s.mode.readOnly,
    dryRun: s.mode.dryRun,
    nodes: facts.nodes,
    previews: previewsOf(facts, s.state.options),
    rights,
  });
}

/** How long node changes are gathered before one look (a rolling upgrade changes many). */
const SETTLE_MS = 150;

/**
 * The node table follows the cluster: any node added, changed (cordoned by kubectl, NotReady)
 * or removed anywhere is looked at again within moments, unless a change of this step runs.
 */
function follow(s: Session, signal: AbortSignal): void {
  let timer: NodeJS.Timeout | undefined;
  let looking = false;
  const again = (): void => {
    timer = undefined;
    if (signal.aborted) return;
    if (s.working || looking) return void (timer = setTimeout(again, SETTLE_MS * 4));
    looking = true;
    void s
      .look()
      .catch(() => undefined)
      .finally(() => (looking = false));
  };
  watchNodes(s.ctx.connection.kc, () => (timer ??= setTimeout(again, SETTLE_MS)), signal);
  // An AKS operation rotating a pool: its nodes are AKS's to cordon and drain until it ends.
  const board = s.ctx.operations;
  const busy = (): void => {
    const op = board?.current;
    const pool = op?.resource.kind === 'pool' ? op.resource.name : undefined;
    const why = pool ? operationConflict(op, pool) : undefined;
    const was = s.state.aksBusy;
    if (why === was?.why) return;
    s.set({ aksBusy: pool && why ? { pool, why } : undefined });
  };
  const unsubscribe = board?.subscribe(busy);
  busy();
  signal.addEventListener(
    'abort',
    () => {
      clearTimeout(timer);
      unsubscribe?.();
    },
    { once: true },
  );
}

/** Picks up a drain an earlier session left in flight: where each node and pod stands now. */
async function resume(s: Session, intents: InFlightChange[]): Promise<void> {
  const canChange = drainRefusal(s.state.rights, s.state.options, s.mode.readOnly) === undefined;
  const report = resumeReport(intents, s.facts!, s.state.previews, canChange);
  await s.ctx.journal.note('drain', 'resume: re-inspected the interrupted drain', {
    nodes: report.nodes,
    pods: report.pods,
  });
  s.ctx.show({
    result: ['An earlier session was interrupted while draining. Now:', ...report.lines],
  });
  s.set({
    phase: 'done',
    progress: undefined,
    leftCordoned: [...new Set([...s.state.leftCordoned, ...report.cordoned])],
    resume: { toContinue: report.toContinue },
  });
}

/** The drain step with its timings (tests shorten kubectl's 5 s / 1 s intervals). */
export function makeDrainStep(timings: DrainTimings = KUBECTL_TIMINGS) {
  return defineStep<DrainFacts, DrainState, DrainEvent>({
    id: 'drain',
    inspect: inspectDrain,
    initial: {
      phase: 'loading',
      cluster: '',
      nodes: [],
      previews: {},
      options: DEFAULT_DRAIN_OPTIONS,
      rights: {},
      readOnly: false,
      dryRun: false,
      leftCordoned: [],
    },
    seen,
    follow,
    resume,
    on: {
      options: (event, s) =>
        s.set({ options: event.options, previews: previewsOf(s.facts!, event.options) }),
      drain: (event, s) => drainNodes(s, event.nodes, timings),
      abort: (_event, s) => s.abortWork(),
      uncordon: (event, s) => uncordon(s, event.nodes),
      cordon: (event, s) => cordon(s, event.nodes),
      refresh: (_event, s) => s.look(),
      dismiss: (_event, s) => {
        if (s.state.phase === 'done')
          s.set({ phase: 'choose', progress: undefined, resume: undefined });
      },
    },
  });
}

/** The drain step: choose nodes, preview, cordon and drain them with live progress, uncordon. */
export const drainStep = makeDrainStep();
