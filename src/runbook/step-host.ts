import type { Connection } from '../model/connection.js';
import type {
  StepContext,
  StepController,
  StepFactory,
  StepModule,
} from '../steps/contract/module.js';
import type { StepEvent, StepView } from '../steps/contract/view.js';
import { messageOf, UserError } from '../model/errors.js';
import type { StepId } from '../model/checklist.js';
import { confirmChange } from './confirm.js';
import type { Journal } from './journal.js';
import type { InFlightChange } from '../model/journal.js';
import type { SessionStore } from './session.js';
import type { RiskDesk } from '../waivers/risk-desk.js';

/**
 * Runs the steps of a connected session: makes each step's controller when first opened, routes the
 * operator's choices to it, keeps one piece of work running at a time, and turns failures into
 * lines on the step instead of crashes.
 */
export class StepHost {
  private readonly controllers = new Map<StepId, StepController>();
  private readonly contexts = new Map<StepId, StepContext>();
  private readonly running = new Map<AbortController, Promise<unknown>>();

  constructor(
    private readonly store: SessionStore,
    private readonly connection: Connection,
    private readonly journal: Journal,
    private readonly factories: Partial<Record<StepId, StepFactory>>,
    /** Steps that know how to pick up changes an earlier session left in flight. */
    private readonly resumers: Partial<Record<StepId, NonNullable<StepModule['resume']>>> = {},
    /** The waivers of this cluster: findings they accept are shown marked. */
    private readonly desk?: RiskDesk,
  ) {}

  /** The operator opened a step. */
  open(id: StepId): Promise<void> {
    return this.guard(id, (c) => c.open());
  }

  /**
   * The operator chose to go back to changes an earlier session left in flight on this step: the
   * step opens (re-inspecting the current state), then its `resume` hook, if it has one, takes over.
   */
  resume(id: StepId, intents: InFlightChange[]): Promise<void> {
    return this.guard(id, async (c) => {
      await c.open();
      const resume = this.resumers[id];
      const ctx = this.contexts.get(id);
      if (resume && ctx) await resume(ctx, intents);
      else {
        this.showOn(id, {
          result: [
            'An earlier session left a change here unfinished; what you see above is the state now.',
          ],
        });
      }
    });
  }

  /** The operator made a choice on a step's screen. */
  send(id: StepId, event: StepEvent): Promise<void> {
    return this.guard(id, (c) => c.send(event));
  }

  /**
   * Cancels running work (on quit) and waits for it to wind down, so each step can leave the
   * journal and the cluster explained before the session closes.
   */
  async stop(): Promise<void> {
    for (const controller of this.running.keys()) controller.abort();
    await Promise.allSettled([...this.running.values()]);
  }

  private async guard(id: StepId, act: (c: StepController) => Promise<void>): Promise<void> {
    const controller = this.controller(id);
    if (!controller) return;
    try {
      await act(controller);
    } catch (error) {
      const message = error instanceof UserError ? error.message : messageOf(error);
      this.showOn(id, { result: [`✖ ${message}`] });
      if (this.store.getState().steps[id].kind === 'running') {
        this.store.setStep(id, { kind: 'unavailable', why: message });
      }
    }
  }

  private controller(id: StepId): StepController | undefined {
    const known = this.controllers.get(id);
    if (known) return known;
    const factory = this.factories[id];
    if (!factory) return undefined;
    const { store, journal, connection } = this;
    const ctx: StepContext = {
      id,
      connection,
      journal,
      mode: store.getState().mode,
      cluster: connection.summary.name,
      confirm: (request) => confirmChange(store, journal, request),
      show: (patch) => this.showOn(id, patch),
      view: () => store.getState().stepViews[id] ?? {},
      setState: (state) =>
        store.update({ stepStates: { ...store.getState().stepStates, [id]: state } }),
      status: (status) => {
        store.setStep(id, status);
        if (status.kind === 'ok' || status.kind === 'findings') this.noteFindings(id);
      },
      openStep: (target) => {
        store.update({ focus: { step: target, seq: (store.getState().focus?.seq ?? 0) + 1 } });
        void this.open(target);
      },
      busy: (work) => this.busy(work),
    };
    const controller = factory(ctx);
    this.contexts.set(id, ctx);
    this.controllers.set(id, controller);
    return controller;
  }

  /** An inspection finished: journal what it found, so transcripts need nothing but the journal. */
  private noteFindings(id: StepId): void {
    const findings = this.store.getState().stepViews[id]?.findings ?? [];
    // Ordered after earlier lines by the journal's own write chain; a failed write is not fatal here.
    void this.journal
      .note(id, 'findings', { count: findings.length, findings })
      .catch(() => undefined);
  }

  /** Shows `lines` as the step's result (outcomes of session actions such as accepting a risk). */
  showResult(id: StepId, lines: string[]): void {
    this.showOn(id, { result: lines });
  }

  /** The waivers changed: every step's findings are marked again. */
  remark(): void {
    for (const [id, view] of Object.entries(this.store.getState().stepViews)) {
      if (view?.findings) this.showOn(id as StepId, { findings: view.findings });
    }
  }

  private showOn(id: StepId, given: Partial<StepView>): void {
    const patch =
      given.findings && this.desk ? { ...given, findings: this.desk.mark(given.findings) } : given;
    const views = this.store.getState().stepViews;
    this.store.update({ stepViews: { ...views, [id]: { ...views[id], ...patch } } });
  }

  private async busy<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const abort = new AbortController();
    const done = work(abort.signal);
    this.running.set(abort, done);
    this.store.update({ busy: true });
    try {
      return await done;
    } finally {
      this.running.delete(abort);
      this.store.update({ busy: this.running.size > 0 });
    }
  }
}
