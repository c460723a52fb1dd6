import { AsyncLocalStorage } from 'node:async_hooks';
import type { StepStatus } from '../../model/checklist.js';
import type { StepContext } from '../contract/module.js';

/**
 * A step's stale facts: whether (and why) the last look failed, how many looks have failed (a
 * change is judged from the count when its key was taken), and the lines the failed looks and the
 * keys refused meanwhile put under the result that stays shown.
 */
export class Staleness {
  /** Why the last look failed: what the step shows is from before and may be stale. */
  why: string | undefined;
  /** How many looks have failed (marked the step stale). */
  failures = 0;
  /** The key now handled (in this async context): see `asKey`. */
  private readonly keys = new AsyncLocalStorage<KeyTaken>();
  /** The result the last failed look showed, and the result it was added under. */
  private shown: { base: string[]; result: string[] } | undefined;
  /** The newest failed look (its stamp) and what it threw, while the step is stale. */
  private newest: { stamp: number; error: unknown } | undefined;
  /** What failed looks threw: said on the step already, not to be said again over it. */
  private readonly said = new WeakSet<object>();

  constructor(private readonly ctx: Pick<StepContext<unknown>, 'view' | 'show' | 'status'>) {}

  /**
   * Runs what a key does as that key's: the changes it starts (however late, whatever other key
   * comes meanwhile) are planned on the facts shown when it was taken; `retries` is what its
   * `retryOrLook` does (decided when the key was taken).
   */
  asKey<T>(retries: boolean, work: () => T): T {
    return this.keys.run({ failures: this.failures, retries }, work);
  }

  /**
   * `failures` when the change now starting was asked for (its key's); undefined outside a key
   * (a resume, or a callback that ran in another async context, as an event emitter's does): then
   * when it was asked is not known, and any failed look must withdraw it.
   */
  failuresAsked(): number | undefined {
    return this.keys.getStore()?.failures;
  }

  /** What the key now handled decided its `retryOrLook` does; undefined outside a key. */
  keyRetries(): boolean | undefined {
    return this.keys.getStore()?.retries;
  }

  /**
   * A look failed (`why`, in words): the summary says what follows is stale, the plan goes, the
   * status says so and `why` goes under the result. `kept` is a change's result that stays above
   * it with its own status; without one, whatever result is shown stays (a change that was
   * verified, a resume's report). A look failing again replaces only what the last one added.
   */
  lookFailed(
    why: string,
    kept: { lines?: string[]; status?: StepStatus | undefined },
    look: { stamp: number; error: unknown },
  ): void {
    this.why = why;
    this.failures++;
    if (look.stamp > (this.newest?.stamp ?? 0)) this.newest = look;
    if (typeof look.error === 'object' && look.error !== null) this.said.add(look.error);
    const view = this.ctx.view();
    const note = `${STALE_MARK} what follows is from the last look that worked and may no longer be true; changes are withdrawn until a look succeeds.`;
    this.ctx.show({
      summary: [note, ...(view.summary ?? []).filter((l) => !l.startsWith(STALE_MARK))],
      plan: undefined,
    });
    // Said here, not only by whoever awaited the look: a look that follows the cluster fails too.
    // Short, so the title and the checklist row hold it; the whole line is the step's result.
    this.ctx.status(kept.status ?? { kind: 'unavailable', why: STALE_STATUS });
    const shown = view.result ?? [];
    const base = sameLines(shown, this.shown?.result) ? this.shown!.base : shown;
    const above = kept.lines ?? (base.length > 0 ? [...base, ''] : []);
    const result = [...above, `✖ ${why}`];
    this.shown = { base, result };
    this.ctx.show({ result });
  }

  /**
   * A change key pressed on a stale step: not started, said under what is shown (a result kept
   * on a stale step stays), once: pressing again replaces only this line.
   */
  refuse(): void {
    this.say(`${NOT_STARTED_STALE} (${this.why}); what is shown may be stale. Look again first.`);
  }

  /** The look-again key pressed on a stale step with a retry pending: it looks first, and says so. */
  retryWaits(key: string): void {
    this.say(
      `${NOT_RETRIED_STALE} (${this.why}); what is shown may be stale. ${key} looks again first; once a look works, ${key} retries.`,
    );
  }

  /** Says `line` (a key refused) under what a stale step shows, in place of the last such line. */
  private say(line: string): void {
    const shown = this.ctx.view().result ?? [];
    const at = shown.findIndex((l) => STALE_REFUSALS.some((start) => l.startsWith(start)));
    const base = at < 0 ? shown : shown.slice(0, at > 0 && shown[at - 1] === '' ? at - 1 : at);
    const result = [...base, ...(base.length > 0 ? [''] : []), line];
    // A look failing again after it replaces what the failed looks added, this line included.
    if (this.shown && sameLines(base, this.shown.result))
      this.shown = { base: this.shown.base, result };
    this.ctx.show({ result });
  }

  /**
   * What a look that worked (stamped `stamp`) must throw instead of being shown: the failure of a
   * newer look, which stands (the cluster may have gone since this one read it); else undefined.
   */
  failedSince(stamp: number): { error: unknown } | undefined {
    return this.why !== undefined && this.newest && this.newest.stamp > stamp
      ? this.newest
      : undefined;
  }

  /** Whether `error` is a failed look's that the step has said already (stale, under its result). */
  saidAlready(error: unknown): boolean {
    return typeof error === 'object' && error !== null && this.said.has(error);
  }

  /**
   * Shows `lines` as the result (a change that ended without starting); on a stale step the
   * failed look's line stays under them, as it stays under any result kept.
   */
  showResult(lines: string[]): void {
    if (this.why === undefined) return this.ctx.show({ result: lines });
    const result = [...lines, '', `✖ ${this.why}`];
    this.shown = { base: lines, result };
    this.ctx.show({ result });
  }

  /**
   * A look worked: the step is fresh. What the failed looks and the keys refused meanwhile added
   * under the result was about them: it goes, and the result shown before them stays.
   */
  clear(): void {
    const shown = this.shown;
    this.why = undefined;
    this.newest = undefined;
    this.shown = undefined;
    if (shown && sameLines(this.ctx.view().result ?? [], shown.result))
      this.ctx.show({ result: shown.base.length > 0 ? shown.base : undefined });
  }
}

function sameLines(a: readonly string[], b: readonly string[] | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every((line, i) => line === b[i]);
}

/** What the key now handled was, when it was taken. */
interface KeyTaken {
  /** `failures` then. */
  failures: number;
  /** Whether its `retryOrLook` retries (else it looks). */
  retries: boolean;
}

/** How a stale step's summary starts. */
export const STALE_MARK = '▲ STALE:';

/** A stale step's status, in words short enough for its title. */
export const STALE_STATUS = 'the last look failed';

/** Why a change is not offered while the step is stale. */
export const STALE_ACTION = 'the last look failed: look again first';

/** How the result of a change key pressed on a stale step starts. */
const NOT_STARTED_STALE = '✖ Not started: the last look failed';
/** How the line of a retry key pressed on a stale step (it looks first) starts. */
const NOT_RETRIED_STALE = '✖ Not retried: the last look failed';
/** The lines a key pressed on a stale step adds (one at a time, in place of the last). */
const STALE_REFUSALS = [NOT_STARTED_STALE, NOT_RETRIED_STALE];
