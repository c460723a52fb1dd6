import type { ClusterWatches } from '../../kube/cluster-watches.js';
import type { StepId, StepStatus } from '../../model/checklist.js';
import type { Connection } from '../../model/connection.js';
import type { Finding } from '../../model/finding.js';
import type { InFlightChange, StepJournal } from '../../model/journal.js';
import type { ConfirmationRequest, SessionMode } from '../../model/session.js';
import type { OperationBoard } from '../rotation/board.js';
import type { ActionEvent, StepEventShape, StepView } from './view.js';

/** What an inspection may use: the live connection and the safety mode. No journal, no prompts. */
export interface InspectContext {
  connection: Connection;
  mode: SessionMode;
  signal?: AbortSignal;
}

/** The result of looking: facts for planning, findings for the operator and the audit. */
export interface Inspection<Facts> {
  facts: Facts;
  findings: Finding[];
  /** A few lines that describe what was seen (tables as text), shown above the findings. */
  summary?: string[];
}

/** What the session lends a step: the cluster, the operator, the screen, the journal. */
export interface StepContext<State = undefined> extends InspectContext {
  id: StepId;
  journal: StepJournal;
  /** The cluster's name, which every confirmation shows. */
  cluster: string;
  /** Asks the operator; journaled; always no in read-only mode. */
  confirm(request: ConfirmationRequest): Promise<boolean>;
  /** Replaces sections of the generic view. */
  show(patch: Partial<StepView>): void;
  view(): StepView;
  /** Replaces the step's own state (what its screen renders). */
  setState(state: State): void;
  status(status: StepStatus): void;
  /** Takes the operator to another step (opened and looked at), e.g. from a failed upgrade to drain. */
  openStep(id: StepId): void;
  /** Runs `work` as running work: quitting asks first, and `signal` aborts it on quit. */
  busy<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Aborted when the session ends: what a step follows (watches) stops with it. */
  closing?: AbortSignal;
  /** The session's shared watches of nodes, pods and budgets; absent in bare test hosts. */
  watches?: ClusterWatches;
  /** The session's running Azure operation (shared by every step); absent in bare test hosts. */
  operations?: OperationBoard;
}

/** A step as one session drives it: opened by the operator, then told the operator's choices. */
export interface StepController<Event extends StepEventShape = ActionEvent> {
  open(): Promise<void>;
  /** The operator left the step's screen (it is open again on the next `open`). */
  close?(): void;
  send(event: Event): Promise<void>;
  /**
   * The operator went back to changes an earlier session left in flight on this step: the step
   * has just looked again; explain what they mean now and offer to continue or roll back.
   */
  resume?(intents: InFlightChange[]): Promise<void>;
}

/**
 * One checklist step as the program knows it. `State` is what its own screen renders (undefined
 * for steps drawn by the generic frame) and `Event` what that screen may send: both reach the
 * screen typed, through the registry (src/steps/registry-types.ts).
 */
export interface StepModule<State = undefined, Event extends StepEventShape = ActionEvent> {
  id: StepId;
  /** The read-only inspection on its own (the headless audit runs these). */
  inspect?: (ctx: InspectContext) => Promise<Inspection<unknown>>;
  /** The step's controller for one session. */
  start(ctx: StepContext<State>): StepController<Event | ActionEvent>;
}
