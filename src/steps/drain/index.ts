import type { DrainFacts } from '../../checks/drain/findings.js';
import { DEFAULT_DRAIN_OPTIONS } from '../../model/drain.js';
import type { InFlightChange } from '../../model/journal.js';
import { operationConflict } from '../rotation/board-fold.js';
import type { KubernetesObject, V1Pod } from '@kubernetes/client-node';
import { looksOnChange } from '../lifecycle/follow-looks.js';
import { defineStep } from '../lifecycle/define.js';
import type { SeenView } from '../lifecycle/definition.js';
import type { StepSession } from '../lifecycle/step-session.js';
import { drainNodes, previewsOf } from './changes.js';
import { cordon, uncordon } from './cordon-changes.js';
import { abortConfirmation } from './confirmations.js';
import { inspectDrain } from './inspect.js';
import { settledCordons } from './left-cordoned.js';
import { resumeReport } from './resume-report.js';
import { drainRefusal, drainRights } from './rights.js';
import { KUBECTL_TIMINGS, type DrainTimings } from './run/run-drain.js';
import type { DrainEvent, DrainState } from './state.js';
import {
  currentFirst,
  followHealth,
  followingNow,
  readAgainAction,
  summaryWith,
} from './following.js';
import type { Inspection } from '../contract/module.js';

type Session = StepSession<DrainFacts, DrainState>;

/** After each look: the nodes, their previews under the current options, the rights. */
async function seen(s: Session, look: Inspection<DrainFacts>): Promise<SeenView> {
  const facts = s.facts!;
  const readAt = Date.now();
  const rights = s.mode.readOnly ? {} : await drainRights(s.ctx.connection.rights);
  const following = followingNow(s, readAt);
  s.set({
    readAt,
    following,
    phase: s.state.phase === 'loading' ? 'choose' : s.state.phase,
    cluster: s.ctx.cluster,
    readOnly: s.mode.readOnly,
    dryRun: s.mode.dryRun,
    nodes: facts.nodes,
    previews: previewsOf(facts, s.state.options),
    rights,
    ...settledCordons(s.state, facts, Date.now()),
  });
  return { summary: summaryWith(s, look.summary ?? [], following) };
}

/**
 * The node table and its previews follow the cluster: a node, a scheduled pod or a budget added,
 * changed (cordoned or evicted by kubectl, NotReady) or removed anywhere is looked at again within
 * moments, unless a change of this step runs. The watches are the session's, shared.
 */
function follow(s: Session, signal: AbortSignal): void {
  followAksBusy(s, signal);
  const watches = s.ctx.watches;
  if (!watches) return;
  followHealth(s, watches, signal);
  const changed = looksOnChange(s, signal);
  watches.on('nodes', changed, signal);
  // A pod no node runs yet (Pending, unscheduled) is in no node's preview.
  watches.on('pods', (c) => (c.object ? scheduled(c.object) : true) && changed(), signal);
  watches.on('pdbs', changed, signal);
}

/** An AKS operation rotating a pool: its nodes are AKS's to cordon and drain until it ends. */
function followAksBusy(s: Session, signal: AbortSignal): void {
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
  signal.addEventListener('abort', () => unsubscribe?.(), { once: true });
}

function scheduled(pod: KubernetesObject): boolean {
  return !!(pod as V1Pod).spec?.nodeName;
}

/**
 * `x` while draining: asks first, in the one confirmation dialog (journaled like every answer),
 * then stops the drain if it still runs.
 */
async function askAbort(s: Session): Promise<void> {
  if (!s.working) return;
  const draining = (s.state.progress?.nodes ?? [])
    .filter((n) => n.phase === 'queued' || n.phase === 'cordoning' || n.phase === 'draining')
    .map((n) => n.name);
  const yes = await s.ctx.confirm(abortConfirmation(s.ctx.cluster, draining, s.mode.dryRun));
  if (yes && s.working) s.abortWork();
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
    actions: readAgainAction,
    resume,
    on: {
      options: (event, s) =>
        s.set({ options: event.options, previews: previewsOf(s.facts!, event.options) }),
      drain: async (event, s) => {
        await currentFirst(s);
        await drainNodes(s, event.nodes, timings);
      },
      abort: (_event, s) => askAbort(s),
      uncordon: async (event, s) => {
        await currentFirst(s);
        await uncordon(s, event.nodes);
      },
      cordon: async (event, s) => {
        await currentFirst(s);
        await cordon(s, event.nodes);
      },
      dismiss: (_event, s) => {
        if (s.state.phase === 'done')
          s.set({ phase: 'choose', progress: undefined, resume: undefined });
      },
    },
  });
}

/** The drain step: choose nodes, preview, cordon and drain them with live progress, uncordon. */
export const drainStep = makeDrainStep();
