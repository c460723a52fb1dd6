import type { Finding } from '../../model/finding.js';
import type { StepId, StepStatus } from '../../model/checklist.js';
import type { StepJournal } from '../../model/journal.js';
import type { StepEvent, StepView } from './view.js';
import type { InFlightChange } from '../../model/journal.js';
import type { ConfirmationRequest, SessionMode } from '../../model/session.js';
import type { Connection } from '../../model/connection.js';

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

/** Everything a step controller may do: read and act on the cluster, talk to the operator, show. */
export interface StepContext extends InspectContext {
  id: StepId;
  journal: StepJournal;
  /** The cluster's name, which every confirmation shows. */
  cluster: string;
  /** Asks the operator; journaled; always no in read-only mode. */
  confirm(request: ConfirmationRequest): Promise<boolean>;
  /** Replaces sections of the generic view. */
  show(patch: Partial<StepView>): void;
  view(): StepView;
  /** Replaces the step's own state, for steps with a screen of their own. */
  setState(state: unknown): void;
  status(status: StepStatus): void;
  /** Takes the operator to another step (opened and looked at), e.g. from a failed upgrade to drain. */
  openStep(id: StepId): void;
  /** Runs `work` as running work: quitting asks first, and `signal` aborts it on quit. */
  busy<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T>;
}

/** A step's controller: opened by the operator, then driven by the operator's choices. */
export interface StepController {
  open(): Promise<void>;
  send(event: StepEvent): Promise<void>;
}

/** How the host makes a step's controller once the session is connected. */
export type StepFactory = (ctx: StepContext) => StepController;

/** One checklist step as the program knows it: the controller, and the inspection the audit reuses. */
export interface StepModule {
  id: StepId;
  controller: StepFactory;
  /** The read-only inspection on its own (the headless audit runs these). */
  inspect?(ctx: InspectContext): Promise<Inspection<unknown>>;
  /**
   * Called after the step re-inspected, when the operator chose to go back to changes an earlier
   * session left in flight on this step: explain what they mean now, offer to continue or roll back.
   */
  resume?(ctx: StepContext, intents: InFlightChange[]): Promise<void>;
}
