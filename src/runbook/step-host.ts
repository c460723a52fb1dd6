import type { StepId } from '../model/checklist.js';
import type { Connection } from '../model/connection.js';
import { failureOf } from '../target/failure.js';
import { LOOK_FAILED, type InFlightChange } from '../model/journal.js';
import type { StepContext, StepController } from '../steps/contract/module.js';
import type { StepEventShape, StepView } from '../steps/contract/view.js';
import type { StepEvents, StepModules, StepStates } from '../steps/registry-types.js';
import { OperationBoard } from '../steps/rotation/board.js';
import { ClusterWatches } from '../kube/cluster-watches.js';
import type { WatchTiming } from '../kube/watch-list.js';
import { CardFollower } from './follow-card.js';
import { confirmChange } from './confirm.js';
import type { Journal } from './journal.js';
import type { SessionStore } from './session.js';
import type { RiskDesk } from '../waivers/risk-desk.js';

/** What a step host runs: the session's store, connection and journal, and the steps. */
export interface StepHostOptions {
  store: SessionStore;
  connection: Connection;
  journal: Journal;
  steps: Partial<StepModules>;
  /** The waivers of this cluster: findings they accept are shown marked. */
  desk?: RiskDesk | undefined;
  /** How often an operation started elsewhere is read again (ms; tests run fast). */
  operationFollowMs?: number;
  /** The watches' backoff and silence bound (tests shorten them); absent: the defaults. */
  watchTiming?: Partial<WatchTiming>;
}

/**
 * Runs the steps of a connected session: starts each step when first opened, routes the
 * operator's choices to it, counts running work (quitting asks first, and `stop` aborts it all)
 * and turns failures into lines on the step instead of crashes. One change at a time per step is
 * the lifecycle's rule (src/steps/lifecycle/step-work.ts).
 */
export class StepHost {
  private readonly controllers = new Map<StepId, StepController<StepEventShape>>();
  private readonly running = new Map<AbortController, Promise<unknown>>();
  /** The session's running Azure operation, shown on every screen and shared by every step. */
  readonly operations: OperationBoard;
  /** Aborted on stop: the steps' watches end with the session. */
  private readonly closing = new AbortController();
  /** One watch per kind of object, shared by every step and the cluster card. */
  readonly watches: ClusterWatches;

  /** The cluster card, kept true after changes, on `r` and as nodes change. */
  readonly card: CardFollower;

  constructor(private readonly o: StepHostOptions) {
    this.watches = new ClusterWatches(o.connection.kc, o.watchTiming);
    this.card = new CardFollower(o.store, o.connection, this.closing.signal);
    this.operations = new OperationBoard(
      o.connection,
      (operation) => o.store.update({ operation }),
      o.operationFollowMs ? { followMs: o.operationFollowMs } : {},
    );
  }

  /** The operator opened a step. */
  open(id: StepId): Promise<void> {
    return this.guard(id, (c) => c.open());
  }

  /** The operator left a step's screen. */
  close(id: StepId): void {
    this.controllers.get(id)?.close?.();
  }

  /**
   * The operator chose to go back to changes an earlier session left in flight on this step: the
   * step looks at the cluster again, then explains what the changes mean now.
   */
  resume(id: StepId, intents: InFlightChange[]): Promise<void> {
    return this.guard(id, (c) => (c.resume ? c.resume(intents) : c.open()));
  }

  /** The operator made a choice on a step's screen. */
  async send<K extends StepId>(id: K, event: StepEvents[K]): Promise<void> {
    await this.guard(id, (c) => c.send(event));
    // Looking again on a step (r) reads the card's facts again too, and starts again the
    // watches that were refused (rights or credentials may have been mended meanwhile).
    if (isLookAgain(event)) {
      this.watches.retryRefused();
      await this.card.refresh();
    }
  }

  /**
   * From now on the cluster card follows the cluster: node changes anywhere, and a fresh read
   * when an Azure operation ends.
   */
  followCard(): void {
    this.card.follow(this.watches);
    let wasOngoing = this.operations.ongoing;
    this.operations.subscribe(() => {
      const ongoing = this.operations.ongoing;
      if (wasOngoing && !ongoing) void this.card.refresh();
      wasOngoing = ongoing;
    });
  }

  /**
   * Cancels running work (on quit) and waits for it to wind down, so each step can leave the
   * journal and the cluster explained before the session closes.
   */
  async stop(): Promise<void> {
    this.closing.abort();
    this.watches.close();
    for (const controller of this.running.keys()) controller.abort();
    await Promise.allSettled([...this.running.values(), this.operations.stop()]);
  }

  private async guard(
    id: StepId,
    act: (c: StepController<StepEventShape>) => Promise<void>,
  ): Promise<void> {
    const controller = this.controller(id);
    if (!controller) return;
    try {
      await act(controller);
    } catch (error) {
      const message = failureOf(error, this.o.connection).line;
      this.showOn(id, { result: [`✖ ${message}`] });
      if (this.o.store.getState().steps[id].kind === 'running') {
        this.o.store.setStep(id, { kind: 'unavailable', why: message });
        this.noteLookFailed(id, message);
      }
    }
  }

  private controller<K extends StepId>(id: K): StepController<StepEventShape> | undefined {
    const known = this.controllers.get(id);
    if (known) return known;
    const module = this.o.steps[id];
    if (!module) return undefined;
    const controller: StepController<StepEventShape> = module.start(this.contextFor(id));
    this.controllers.set(id, controller);
    return controller;
  }

  private contextFor<K extends StepId>(id: K): StepContext<StepStates[K]> {
    const { store, journal, connection } = this.o;
    return {
      id,
      connection,
      journal,
      mode: store.getState().mode,
      cluster: connection.summary.name,
      confirm: (request) => confirmChange(store, journal, request),
      show: (patch) => this.showOn(id, patch),
      view: () => store.getState().stepViews[id] ?? {},
      setState: (state) => store.setStepState(id, state),
      status: (status) => {
        const was = store.getState().steps[id];
        store.setStep(id, status);
        if (status.kind === 'ok' || status.kind === 'findings') this.noteFindings(id);
        // A look that failed is journaled too: the transcript must not show older findings as now.
        if (status.kind === 'unavailable' && JSON.stringify(was) !== JSON.stringify(status))
          this.noteLookFailed(id, status.why);
        // After a change (done or failed) the card is read again: versions, switches, pools.
        const ended = status.kind === 'changed' || status.kind === 'failed';
        if (ended && JSON.stringify(was) !== JSON.stringify(status)) void this.card.refresh();
      },
      openStep: (target) => {
        store.update({ focus: { step: target, seq: (store.getState().focus?.seq ?? 0) + 1 } });
        void this.open(target);
      },
      busy: (work) => this.busy(work),
      operations: this.operations,
      closing: this.closing.signal,
      watches: this.watches,
    };
  }

  /** An inspection finished: journal what it found, so transcripts need nothing but the journal. */
  private noteFindings(id: StepId): void {
    const findings = this.o.store.getState().stepViews[id]?.findings ?? [];
    // Ordered after earlier lines by the journal's own write chain; a failed write is not fatal here.
    void this.o.journal
      .note(id, 'findings', { count: findings.length, findings })
      .catch(() => undefined);
  }

  /** A look failed: journal why, so the transcript says the step's findings are not current. */
  private noteLookFailed(id: StepId, why: string): void {
    void this.o.journal.note(id, LOOK_FAILED, { why }).catch(() => undefined);
  }

  /** Shows `lines` as the step's result (outcomes of session actions such as accepting a risk). */
  showResult(id: StepId, lines: string[]): void {
    this.showOn(id, { result: lines });
  }

  /** The waivers changed: every step's findings are marked again. */
  remark(): void {
    for (const [id, view] of Object.entries(this.o.store.getState().stepViews)) {
      if (view?.findings) this.showOn(id as StepId, { findings: view.findings });
    }
  }

  private showOn(id: StepId, given: Partial<StepView>): void {
    const { desk, store } = this.o;
    const patch =
      given.findings && desk ? { ...given, findings: desk.mark(given.findings) } : given;
    const views = store.getState().stepViews;
    store.update({ stepViews: { ...views, [id]: { ...views[id], ...patch } } });
  }

  /** Counts `work` as running work until it settles; `stop` aborts its signal. */
  private async busy<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const abort = new AbortController();
    const done = work(abort.signal);
    this.running.set(abort, done);
    this.o.store.update({ busy: true });
    try {
      return await done;
    } finally {
      this.running.delete(abort);
      this.o.store.update({ busy: this.running.size > 0 });
    }
  }
}

/** `r` (look again on the steps that have it; a change on rbac and imds) or a screen's refresh. */
function isLookAgain(event: StepEventShape): boolean {
  return (
    event.type === 'refresh' || (event.type === 'action' && (event as { key?: string }).key === 'r')
  );
}
