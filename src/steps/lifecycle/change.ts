import type { ConfirmationRequest } from '../../model/session.js';
import type { StepView, ViewItem } from '../contract/view.js';

/** Adds one line to the change's progress on screen. */
export type Progress = (line: string) => void;

/**
 * Asks a further question while the change runs (the second of a change made in two steps),
 * checked as the first one is: false on a no, and when a look failed since the change was asked
 * for (no question opens on such facts; a yes given while it failed starts nothing; the progress
 * says so).
 */
export type AskFurther = (request: ConfirmationRequest) => Promise<boolean>;

/**
 * One change to the cluster, as a step describes it; `StepSession.change` runs every change the
 * same way: plan shown, preflight, dry run, confirmation, run (journaled by the step, through the
 * wire guard), a fresh look to verify, and the result.
 */
export interface Change<Outcome, Facts> {
  /** Which API it goes to: ARM writes are never sent in a dry run, Kubernetes ones are dry runs. */
  wire: 'kube' | 'arm';
  /** The change in a few words, for the journal's note of a dry run: `PUT of pool system`. */
  what: string;
  /** What exactly would change, for the operator to read before being asked. */
  plan?: ViewItem[];
  /**
   * A server-side check before asking (Kubernetes dry runs): refusal lines, none when it passed.
   * A refusal ends the change; in dry-run mode the preflight is the whole change.
   */
  preflight?: (progress: Progress, signal: AbortSignal) => Promise<string[]>;
  /** The result when the preflight refused (default: the refusals). */
  refused?: (refusals: string[]) => string[];
  /**
   * The result when dry-run mode ends the change (after the preflight, or an ARM plan). A
   * Kubernetes change without a preflight is not ended: it runs, as dry runs, and says so itself.
   */
  dryRun?: string[];
  /** Detail for the journal's dry-run note of an ARM change. */
  dryRunDetail?: Record<string, unknown>;
  /**
   * The question before running; a dry run asks it too, marked as one (absent: nothing is asked,
   * e.g. a rehearsal that changes nothing whatever the mode).
   */
  confirm?: ConfirmationRequest;
  /** The result when the operator says no (default: nothing was changed). */
  cancelled?: string[];
  /**
   * May start while another change of the step runs (an abort, a stop or a skip of what runs).
   * It is still stale-checked: a look failing since it was asked for withdraws it.
   */
  whileBusy?: true;
  /**
   * It only stops work that runs (an abort, a stop): no stale check, since it plans nothing on the
   * facts shown. Only with `whileBusy` (it must reach what runs); runChange holds it to that.
   */
  stopsOnly?: true;
  /**
   * Does it: every mutation inside goes through the journal (`ctx.journal.mutation`). A further
   * question goes through `ask`, never `ctx.confirm`: the facts may have gone stale since the first.
   */
  run: (progress: Progress, signal: AbortSignal, ask: AskFurther) => Promise<Outcome>;
  /**
   * Look at the cluster again before `done` (default true: the result is verified); `'after'`
   * when the result does not depend on it (shown at once, then the look).
   */
  verify?: boolean | 'after';
  /**
   * What the operator reads after it. `facts` are the fresh look's; undefined when the look that
   * verifies the change failed: then say what was sent and answered, never a verdict on the
   * cluster (the lifecycle adds that it was not verified, and how to look again).
   */
  done: (outcome: Outcome, facts: Facts | undefined) => ChangeDone;
  /** After a failure: the same change again (with its own confirmation), for `retryOrLook`. */
  again?: () => Promise<void>;
  /**
   * Said after the retry key's label while the retry is offered, when it holds: e.g. that it
   * sends the failed request again, not what the operator picked since.
   */
  againNote?: () => string | undefined;
}

/** The end of a change as the operator reads it. */
export interface ChangeDone extends Pick<StepView, 'plan'> {
  /** What was done and, with facts, the verdict; a line starting `✖` says what did not take. */
  result: string[];
  /** Set when the cluster changed: the step's status becomes "changed: <what>". */
  changed?: string;
  /** The change failed: `again` (if any) is what `retryOrLook` runs next. */
  failed?: boolean;
}

/**
 * Whether a change's result, from a fresh look, confirms it: it changed something, did not fail,
 * and no line says that something did not take (`✖`) or may not have (`?`).
 */
export function confirms(done: ChangeDone): boolean {
  return (
    done.changed !== undefined &&
    !done.failed &&
    // `?` starts the line of a write sent whose outcome stays unknown.
    !done.result.some((l) => l.startsWith('✖') || l.startsWith('?'))
  );
}

/** How a change ended. */
export type ChangeEnd = 'done' | 'dry-run' | 'refused' | 'cancelled' | 'busy' | 'read-only';

/** The result of a change refused because another of the step's changes still runs. */
export const STILL_RUNNING = [
  '✖ Not started: a change of this step is still running; wait for it to end, or abort it.',
];

/** The result of a change attempted in read-only mode (actions that change are not offered). */
export const READ_ONLY = ['✖ Not started: read-only mode changes nothing.'];

/** The result of a dry run that did not say otherwise. */
export const DRY_RUN = ['Dry run: nothing was changed.'];

/** The default result when the operator says no. */
export const CANCELLED = ['Cancelled: nothing was changed.'];
