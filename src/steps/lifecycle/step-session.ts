import type { Finding } from '../../model/finding.js';
import { failureOf } from '../../target/failure.js';
import { openLookBound, outsideLookBound } from '../../model/look-bound.js';
import type { SessionMode } from '../../model/session.js';
import type { Inspection, StepContext } from '../contract/module.js';
import { actionView, type StepEventShape } from '../contract/view.js';
import type { Change, ChangeEnd } from './change.js';
import type { StepAction, StepDefinition } from './definition.js';
import { InTurn } from './in-turn.js';
import { LOOK_AGAIN, withinLookAgainBound } from './look-again.js';
import { NOT_VERIFIED_STATUS, runChange } from './run-change.js';
import { STALE_ACTION, Staleness } from './stale.js';
import { StepWork } from './step-work.js';

/** What a step's own code gets from the lifecycle while one session drives it. */
export interface StepSession<Facts, State> {
  readonly ctx: StepContext<State>;
  readonly mode: SessionMode;
  /** What the last look saw; undefined before the first one. */
  readonly facts: Facts | undefined;
  /** The step's screen state. */
  readonly state: State;
  /** Whether a change of this step is running now. */
  readonly working: boolean;
  /** Whether the step's screen is open (from its open until the operator leaves it). */
  readonly onScreen: boolean;
  /** Why the last look failed, while it did: what the step shows may be stale. */
  readonly stale: string | undefined;
  /** Replaces part of the screen state; the screen and the offered actions follow. */
  set(patch: Partial<State>): void;
  /** Shows the actions on offer again (after something they depend on changed). */
  publish(): void;
  /** Looks at the cluster again: summary, findings and status follow. */
  look(): Promise<void>;
  /** Shows findings and sets the status from them (ok, or how many). */
  findings(list: Finding[]): void;
  /** Runs a change the one way every change runs. */
  change<Outcome>(change: Change<Outcome, Facts>): Promise<ChangeEnd>;
  /** After a failed change: that change again; otherwise: look again. */
  retryOrLook(): Promise<void>;
  /** Aborts the step's running change (what it leaves behind, it says itself). */
  abortWork(): void;
}

/** The lifecycle's side of one step in one session (made by `defineStep`). */
export class StepRun<Facts, State, Event extends StepEventShape> implements StepSession<
  Facts,
  State
> {
  facts: Facts | undefined;
  state: State;
  /** Whether a look has succeeded (the first open looks until one does). */
  looked = false;
  onScreen = false;
  /** The last failed change's result, until the operator acts on the step again (seen). */
  unseenFailure: { what: string; lines: string[] } | undefined;
  /**
   * A change whose verifying look failed: the next look that began after the change (its stamp
   * above `after`) and works verifies it (and says so).
   */
  unverified: { after: number; verify: () => void; lines: string[] } | undefined;
  /** How many looks have begun: each look's stamp, so one begun before a change is told apart. */
  looksBegun = 0;
  /** `looksBegun` when the last change ended: a look stamped at most this read before it. */
  changeEnded = 0;
  /** Whether the last look failed, how many have, and what they added to the result. */
  readonly staleness: Staleness;
  /** How many changes have started to run: a retry not started is told apart. */
  private changesRun = 0;
  /** The stamp of the look now shown: an older one that answers later is not shown. */
  private lastApplied = 0;
  /** What `retryOrLook` runs after a failed change that can be tried again, and that change. */
  again: { run: () => Promise<void>; what: string; note?: () => string | undefined } | undefined;
  /** Looking again, offered by the lifecycle on a stale step that has no such action of its own. */
  private readonly lookAgain: StepAction<Facts, State> = { ...LOOK_AGAIN, run: () => this.look() };
  readonly work: StepWork;
  /** What the step makes of the looks shown (their `seen`), one look at a time. */
  private readonly making = new InTurn();
  /** How long the last look that worked took (ms): a look again is bounded by a multiple of it. */
  private lastLookMs = 0;

  constructor(
    readonly def: StepDefinition<Facts, State, Event>,
    readonly ctx: StepContext<State>,
  ) {
    this.state = def.initial;
    this.staleness = new Staleness(ctx);
    this.work = new StepWork(ctx, (running) => def.working?.(this, running));
    // What AKS would refuse changes with the running operation: the offered actions follow it.
    ctx.operations?.subscribe(() => {
      if (this.looked) this.publish();
    });
  }

  get mode(): SessionMode {
    return this.ctx.mode;
  }

  get working(): boolean {
    return this.work.running;
  }

  /** Why the last look failed: what the step shows is from before and may be stale. */
  get stale(): string | undefined {
    return this.staleness.why;
  }

  /** How many looks have failed (marked the step stale). */
  get looksFailed(): number {
    return this.staleness.failures;
  }

  set(patch: Partial<State>): void {
    this.state = { ...this.state, ...patch };
    this.publish();
  }

  publish(): void {
    if (this.state !== undefined) this.ctx.setState(this.state);
    // While stale, every change is shown withdrawn; looking again and stopping what runs (an
    // abort) stay. The look-again key that retries a failed change says so (its own label says
    // it looks).
    this.ctx.show({
      actions: this.offered().map((a) =>
        actionView(
          a.key,
          this.retries(a) ? retryLabel(this.again!) : a.label,
          a.unavailable ?? (this.stale && !a.looksAgain && !a.stopsOnly ? STALE_ACTION : undefined),
        ),
      ),
    });
  }

  /**
   * The actions on offer: none before the first look, only local ones in read-only mode; while
   * stale, a way to look again (`l`) when none of the step's own is on offer.
   */
  offered(): Array<StepAction<Facts, State>> {
    if (!this.looked) return [];
    const all = this.def.actions?.(this) ?? [];
    const shown = this.mode.readOnly ? all.filter((a) => a.local) : all;
    return this.stale && !shown.some((a) => a.looksAgain) ? [...shown, this.lookAgain] : shown;
  }

  async look(): Promise<void> {
    // Begun after the bound it runs in ran out (a look again that failed already and said so):
    // it is no look; its requests would only fail with words that say nothing of the cluster.
    const within = openLookBound();
    if (within?.signal.aborted) throw within.signal.reason;
    const stamp = ++this.looksBegun;
    this.ctx.status({ kind: 'running' });
    const started = Date.now();
    let seen: Awaited<ReturnType<NonNullable<typeof this.def.inspect>>>;
    try {
      // The first look may take as long as its requests do; a look again is bounded as a whole.
      seen = this.looked ? await this.bounded(() => this.inspect()) : await this.inspect();
    } catch (thrown) {
      // Cut by the bound it ran in (a look again's): the bound's words say what was not reached;
      // the cut request's own error ("fetch failed") says nothing.
      const error: unknown = within?.signal.aborted ? within.signal.reason : thrown;
      // A look overtaken by a newer one that worked says nothing about the cluster now.
      if (this.looked && stamp > this.lastApplied) this.markStale(error, stamp);
      throw error;
    }
    // Overtaken by a newer look already shown, or read before the last change ended while a look
    // begun after it failed or is under way: not shown (it is the cluster as it was before).
    if (stamp < this.lastApplied) return;
    if (stamp <= this.changeEnded && (this.stale !== undefined || this.looksBegun > stamp)) return;
    // Begun before a newer look that failed: that failure stands, and is this look's end too (a
    // change it was to verify is not verified on facts from before).
    const newerFailed = this.staleness.failedSince(stamp);
    if (newerFailed) throw newerFailed.error;
    this.lastApplied = stamp;
    this.lastLookMs = Date.now() - started;
    this.staleness.clear();
    this.facts = seen.facts;
    if (!this.looked && this.def.follow && this.ctx.closing) {
      const { follow } = this.def;
      const closing = this.ctx.closing;
      // What the step follows lives on after this look: no look's bound ends it.
      outsideLookBound(() => follow(this, closing));
    }
    this.looked = true;
    this.ctx.show({ summary: seen.summary, findings: seen.findings });
    // What the step makes of its looks, one look at a time and in the order they were shown: an
    // older look's `seen` still awaiting (rights, more reads) ends first, so it cannot set its
    // older facts over a newer look's; `shown()` waits for it (a resume reads what it made).
    await this.making.run(() => this.made(stamp, seen));
  }

  /** Waits until what the step makes of the looks shown so far is made (see `look`). */
  async shown(): Promise<void> {
    await this.making.idle();
  }

  /** After look `stamp` was shown: what the step makes of it, the actions, findings, verdict. */
  private async made(stamp: number, seen: Inspection<Facts>): Promise<void> {
    const added = await this.def.seen?.(this, seen);
    if (added) this.ctx.show(added);
    this.publish();
    this.findings(this.ctx.view().findings ?? []);
    // A look begun before the change ended read the cluster before it: it verifies nothing.
    const unverified = this.unverified;
    if (unverified && stamp > unverified.after) {
      this.unverified = undefined;
      unverified.verify();
    }
  }

  /** Whether the look now shown began after `stamp` (a value of `looksBegun`). */
  shownSince(stamp: number): boolean {
    return this.lastApplied > stamp;
  }

  /** Runs `work` (a look again, and what the step reads with it) within one look-again bound. */
  bounded<T>(work: () => Promise<T>): Promise<T> {
    return withinLookAgainBound(this.lastLookMs, work);
  }

  private inspect() {
    return this.def.look ? this.def.look(this.ctx) : this.def.inspect!(this.ctx);
  }

  /**
   * Whether `action` (a key on offer) retries a failed change: the step's own look-again key
   * while a retry is pending and the step is fresh. On a stale step it only looks: the retry
   * waits for a look that works (no change starts on facts a failed look made stale).
   */
  retries(action: StepAction<Facts, State>): boolean {
    return this.retryKey(action) && this.stale === undefined;
  }

  /** Whether `action` is the step's own look-again key while a failed change may be retried. */
  private retryKey(action: StepAction<Facts, State>): boolean {
    return action.looksAgain === true && action !== this.lookAgain && this.again !== undefined;
  }

  /** A change starts to run (asked, confirmed, not stale). */
  changeRuns(): void {
    this.changesRun++;
  }

  /**
   * A look-again key taken: on a stale step with a retry pending it looks first, said under what
   * is shown (as a change key's refusal is); the retry waits for a look that works.
   */
  retryWaits(action: StepAction<Facts, State>): void {
    if (this.stale !== undefined && this.retryKey(action)) this.staleness.retryWaits(action.key);
  }

  /** A look again failed outside `look` (its bound ran out before): said as `look` says it. */
  lookFailed(error: unknown): void {
    this.markStale(error, ++this.looksBegun);
  }

  /**
   * A look again failed: the findings on screen are from the last look that worked, so they are
   * said to be stale, and every change is withdrawn until a look succeeds (a change planned on
   * facts that may no longer hold must not be offered).
   */
  private markStale(error: unknown, stamp: number): void {
    // In the words every failure line uses: a raw client error says only "fetch failed".
    const why = failureOf(error, this.ctx.connection, 'look again').line;
    // A change not verified, or a failure not yet seen, stays above the look's line and keeps its
    // status: a look failing after it (one that follows the cluster) must not hide that something
    // changed.
    const failure = this.unseenFailure;
    this.staleness.lookFailed(
      why,
      {
        lines: this.unverified?.lines ?? (failure && [...failure.lines, '']),
        status: failure
          ? { kind: 'failed', what: failure.what }
          : this.unverified
            ? NOT_VERIFIED_STATUS
            : undefined,
      },
      { stamp, error },
    );
    this.publish();
  }

  findings(list: Finding[]): void {
    this.ctx.show({ findings: list });
    if (this.unseenFailure)
      return this.ctx.status({ kind: 'failed', what: this.unseenFailure.what });
    this.ctx.status(list.length > 0 ? { kind: 'findings', count: list.length } : { kind: 'ok' });
  }

  /** The operator acted on the step: a failure shown there has been seen. */
  seenFailure(): void {
    if (!this.unseenFailure) return;
    this.unseenFailure = undefined;
    const list = this.ctx.view().findings ?? [];
    this.ctx.status(list.length > 0 ? { kind: 'findings', count: list.length } : { kind: 'ok' });
  }

  change<Outcome>(change: Change<Outcome, Facts>): Promise<ChangeEnd> {
    return runChange(this, change);
  }

  async retryOrLook(): Promise<void> {
    const again = this.again;
    // As the key decided when it was taken (outside a key: as it would decide now).
    const retries = this.staleness.keyRetries() ?? this.stale === undefined;
    if (!again || !retries) return this.look();
    this.again = undefined;
    const ran = this.changesRun;
    await again.run();
    // Not started on facts a look made stale since the key: the retry waits for a look that works.
    if (this.changesRun === ran && this.stale !== undefined) this.again ??= again;
  }

  abortWork(): void {
    this.work.abort();
  }
}

/** The retry key's label: what failed, that it asks first, and the step's note when it has one. */
function retryLabel(again: { what: string; note?: () => string | undefined }): string {
  const note = again.note?.();
  return `Retry the failed ${again.what} (asks first)${note ? `: ${note}` : ''}`;
}
