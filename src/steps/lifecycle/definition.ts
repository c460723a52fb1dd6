import type { StepId } from '../../model/checklist.js';
import type { InFlightChange } from '../../model/journal.js';
import type { InspectContext, Inspection, StepContext } from '../contract/module.js';
import type { StepEventShape, StepView } from '../contract/view.js';
import type { StepSession } from './step-session.js';

/**
 * What a step supplies to the one lifecycle (`defineStep`): how it looks, what it adds to what was
 * seen, the actions it offers and the events of its own screen. The lifecycle does the rest:
 * looking on open, findings and status, offering actions (none that change anything in read-only),
 * and every change's plan, preflight, dry run, confirmation, run, verification and journal.
 */
export interface StepDefinition<Facts, State, Event extends StepEventShape> {
  id: StepId;
  /** The read-only inspection (the headless audit runs it too). */
  inspect?: (ctx: InspectContext) => Promise<Inspection<Facts>>;
  /** How the session looks when that differs from `inspect` (e.g. it reads the journal). */
  look?: (ctx: StepContext<State>) => Promise<Inspection<Facts>>;
  /** The screen state before the first look (steps drawn by the generic frame have none). */
  initial: State;
  /** Look again on every open (the session moves on between visits), not only the first time. */
  lookOnEveryOpen?: boolean;
  /**
   * After each look: what the step makes of it (its screen state, rights it asks, lines it adds).
   * Sections returned replace the view's (`findings` too: the status follows them).
   */
  seen?: (s: StepSession<Facts, State>, seen: Inspection<Facts>) => Promise<SeenView> | SeenView;
  /** The actions on offer now. In read-only mode only `local` ones are shown at all. */
  actions?: (s: StepSession<Facts, State>) => Array<StepAction<Facts, State>>;
  /** Handlers of the step's own screen events, by type. */
  on?: EventHandlers<Facts, State, Event>;
  /** Picks up changes an earlier session left in flight (after a fresh look). */
  resume?: (s: StepSession<Facts, State>, intents: InFlightChange[]) => Promise<void>;
  /**
   * Started once after the first look, for the session's life (`signal` aborts when it ends):
   * follows the cluster (watches) and looks again when what the step shows changed.
   */
  follow?: (s: StepSession<Facts, State>, signal: AbortSignal) => void;
  /** Told when the step's running work starts and ends (e.g. to disable its screen's keys). */
  working?: (s: StepSession<Facts, State>, running: boolean) => void;
}

/** What `seen` may add to the view after a look. */
export type SeenView = Partial<StepView> | void;

/** One handler per event type the step's screen sends. */
export type EventHandlers<Facts, State, Event extends StepEventShape> = {
  [T in Event['type']]: (
    event: Extract<Event, { type: T }>,
    s: StepSession<Facts, State>,
  ) => Promise<void> | void;
};

/** A key the step offers; `run` usually builds a `Change` and hands it to `s.change`. */
export interface StepAction<Facts, State> {
  key: string;
  label: string;
  /** Why it cannot be used now (shown, not bound); undefined when it can. */
  unavailable?: string | undefined;
  /** It only writes a file next to the journal: offered in read-only mode too. */
  local?: true;
  /** It only looks again: still offered when the last look failed (the way out of stale). */
  looksAgain?: true;
  /**
   * It only stops work that runs (an abort): still offered and taken when the last look failed,
   * since it plans nothing on the facts shown; its change must be `stopsOnly` and `whileBusy` (no stale check).
   */
  stopsOnly?: true;
  run: (s: StepSession<Facts, State>) => Promise<void> | void;
}
