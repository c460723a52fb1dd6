import type { PickableCluster } from '../model/pickable-cluster.js';
import type { StepView } from '../steps/contract/view.js';
import type { StepStates } from '../steps/registry-types.js';
import type { ClusterSummary } from '../model/cluster-summary.js';
import { STEP_IDS, type StepId, type StepStatus } from '../model/checklist.js';
import type { ResumeOffer } from './resume.js';
import { summaryStatus } from './summary-status.js';
import type { RiskOffer } from '../waivers/risk-desk.js';
import type { ConfirmationRequest, SessionMode } from '../model/session.js';
import type { RunningOperation } from '../model/operation.js';
import type { OperatorContext } from '../model/operator.js';

/** How the session reaches the cluster right now. */
export type Connection =
  | { phase: 'connecting'; detail: string }
  | {
      phase: 'connected';
      cluster: ClusterSummary;
      /** Why ARM-based steps cannot run (only a kubeconfig context was given), if so. */
      armMissing?: string;
    }
  | { phase: 'failed'; message: string };

/** Everything the screens render. Screens never change it directly: they call the actions. */
export interface SessionState {
  mode: SessionMode;
  connection: Connection;
  steps: Record<StepId, StepStatus>;
  /** What each opened step shows in the generic step frame. */
  stepViews: Partial<Record<StepId, StepView>>;
  /** The own state of steps that have a screen of their own, typed per step. */
  stepStates: { [K in StepId]?: StepStates[K] };
  /** Work that must not be cut off silently is running (quitting asks first). */
  busy: boolean;
  confirmation?: ConfirmationRequest;
  /** How many confirmations were asked so far: each new one opens a fresh dialog (on Cancel). */
  asked?: number;
  /** A step the logic asks the screens to show; `seq` makes asking twice for one step visible. */
  focus?: { step: StepId; seq: number };
  /** Where this session's journal is written. */
  journalPath?: string;
  /** The journal could not be written: no change is made any more; shown on every screen. */
  journalFailure?: string;
  /** The last session on this cluster died with changes in flight: offered on the overview. */
  resume?: ResumeOffer;
  /** A one-line message for the operator on the overview (e.g. where the transcript went). */
  notice?: string;
  /** A retry wait long enough to notice (throttling): shown in the header while it lasts. */
  waiting?: string;
  /** Only a subscription was named: its clusters, for the operator to pick one before connecting. */
  pick?: ClusterChoice;
  /** The Azure operation running on the cluster (or the last one, with how it ended). */
  operation?: RunningOperation;
  /** Who is signed in and the subscription's name, for the header (learnt after connecting). */
  operator?: OperatorContext;
  /** Where copied commands are written, what the last copy did (one line) and in which dialog. */
  commands?: { file: string; copied?: string; asked?: number | undefined };
  /** Accepting a finding's risk is offered (not in read-only mode): where it goes, which dates. */
  acceptRisk?: RiskOffer;
}

/** The clusters of a subscription (or of several) the operator picks from. */
export interface ClusterChoice {
  subscriptionId: string;
  /** Where they were listed when that is more than one subscription. */
  scope?: string;
  clusters: PickableCluster[];
}

type Listener = () => void;

/**
 * The Summary row follows the other steps once it has looked (see `summaryStatus`); `own` is the
 * status its own look last set (the row itself may say running while other steps still look).
 */
function withSummary(state: SessionState, own: StepStatus): SessionState {
  const next =
    own.kind === 'not-started' || own.kind === 'running'
      ? own
      : summaryStatus(state.steps, state.stepViews);
  if (JSON.stringify(next) === JSON.stringify(state.steps.summary)) return state;
  return { ...state, steps: { ...state.steps, summary: next } };
}

/**
 * The session's state, observable by the screens (`useSyncExternalStore`), written only by logic.
 * Confirmations travel through it: logic awaits `ask()`, a screen calls `answer()`.
 */
export class SessionStore {
  private state: SessionState;
  private readonly listeners = new Set<Listener>();
  private pendingAnswer: ((yes: boolean) => void) | undefined;
  /** The Summary step's own status, as its look set it (the row shows what it sums up). */
  private summaryOwn: StepStatus = { kind: 'not-started' };

  constructor(mode: SessionMode) {
    const steps = Object.fromEntries(STEP_IDS.map((id) => [id, { kind: 'not-started' }])) as Record<
      StepId,
      StepStatus
    >;
    this.state = {
      mode,
      connection: { phase: 'connecting', detail: 'Starting' },
      steps,
      stepViews: {},
      stepStates: {},
      busy: false,
    };
  }

  getState = (): SessionState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Replaces part of the state and tells the screens. */
  update(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    if (patch.steps || patch.stepViews) this.state = withSummary(this.state, this.summaryOwn);
    for (const listener of this.listeners) listener();
  }

  /** Sets one step's status. */
  setStep(id: StepId, status: StepStatus): void {
    if (id === 'summary') this.summaryOwn = status;
    this.update({ steps: { ...this.state.steps, [id]: status } });
  }

  /** Sets one step's own state (what its screen renders). */
  setStepState<K extends StepId>(id: K, state: StepStates[K]): void {
    this.update({ stepStates: { ...this.state.stepStates, [id]: state } });
  }

  /** Asks the operator; resolves true only on an explicit yes. One question at a time. */
  ask(request: ConfirmationRequest): Promise<boolean> {
    if (this.pendingAnswer) return Promise.reject(new Error('A confirmation is already open'));
    return new Promise<boolean>((resolve) => {
      this.pendingAnswer = resolve;
      this.update({ confirmation: request, asked: (this.state.asked ?? 0) + 1 });
    });
  }

  /** The operator's answer to the open confirmation (screens call this). */
  answer = (yes: boolean): void => {
    const resolve = this.pendingAnswer;
    this.pendingAnswer = undefined;
    this.update({ confirmation: undefined });
    resolve?.(yes);
  };
}
