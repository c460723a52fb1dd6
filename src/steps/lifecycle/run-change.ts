import type { StepEventShape } from '../contract/view.js';
import {
  CANCELLED,
  DRY_RUN,
  READ_ONLY,
  STILL_RUNNING,
  type Change,
  type ChangeDone,
  type ChangeEnd,
  confirms,
} from './change.js';
import { firstLine, messageOf } from '../../model/errors.js';
import type { ConfirmationRequest } from '../../model/session.js';
import type { StepRun } from './step-session.js';

/**
 * The one way a change runs, for every step: the plan on screen; in read-only mode nothing; while
 * another change of the step runs nothing (one `whileBusy` excepted: an abort, a stop, a skip); the preflight (a refusal ends it);
 * the operator's confirmation, the same in a dry run, marked as one (no ends it); in dry-run mode
 * an ARM change then ends shown and journaled, a Kubernetes change with a preflight ends (the
 * preflight was its dry run), any other one runs as dry runs by the wire; the run, as the
 * session's running work; a fresh look; the result, and the status "changed" when it changed
 * something.
 */
export async function runChange<Outcome, Facts, State, Event extends StepEventShape>(
  run: StepRun<Facts, State, Event>,
  change: Change<Outcome, Facts>,
): Promise<ChangeEnd> {
  const { ctx, mode } = run;
  // Looks failed when the change was asked for: one failing after that withdraws it.
  const failedBefore = run.staleness.failuresAsked();
  // Why the change may not start: a look failed since it was asked for. When that is not known
  // (no key's context), a stale step at all withdraws it: never read as "no failure since".
  // Only a change that stops what runs goes on stale facts: one that may run while another does
  // (a skip of what an update run does next) still acts on what was shown.
  const stopsOnly = change.stopsOnly === true && change.whileBusy === true;
  const staleSince = (): string | undefined =>
    run.stale !== undefined &&
    (failedBefore === undefined || run.looksFailed > failedBefore) &&
    !stopsOnly
      ? run.stale
      : undefined;
  if (change.stopsOnly && !change.whileBusy)
    throw new Error(`${change.what}: a change that only stops what runs must be whileBusy`);
  if (mode.readOnly) {
    ctx.show({ result: READ_ONLY });
    return 'read-only';
  }
  if (run.working && !change.whileBusy) {
    ctx.show({ result: STILL_RUNNING });
    return 'busy';
  }
  const lines: string[] = [];
  const progress = (line: string): void => {
    lines.push(line);
    ctx.show({ progress: [...lines] });
  };
  ctx.show({
    ...(change.plan ? { plan: change.plan } : {}),
    progress: undefined,
    result: undefined,
  });
  if (change.preflight) {
    const preflight = change.preflight;
    const refusals = await run.work.run((signal) => preflight(progress, signal));
    if (refusals.length > 0) {
      // A look that failed meanwhile stays said under it (as under every result a stale step keeps).
      run.staleness.showResult(change.refused?.(refusals) ?? refusals);
      return 'refused';
    }
  }
  // A look that failed since the change was asked for (one that follows the cluster, during a
  // preflight or a read before asking, or while the operator is asked) withdrew the step's
  // changes: the change was planned on facts that may no longer hold. No question is opened on
  // such facts; a yes given while it failed starts nothing. An abort still goes (it only stops
  // what runs).
  const noteNotStarted = (what: string, why: string): Promise<void> =>
    ctx.journal
      .note(ctx.id, `not started: ${what}`, { why: `a look failed: ${why}` })
      .catch(() => undefined);
  const notStarted = async (why: string, asked: boolean): Promise<ChangeEnd> => {
    ctx.show({ result: staleSinceAsked(why, asked) });
    await noteNotStarted(change.what, why);
    return 'refused';
  };
  const staleBeforeAsking = staleSince();
  if (staleBeforeAsking !== undefined) return notStarted(staleBeforeAsking, false);
  // Asked in every mode that may change something, dry run included (the session marks it).
  if (change.confirm && !(await ctx.confirm(change.confirm))) {
    run.staleness.showResult(change.cancelled ?? CANCELLED);
    return 'cancelled';
  }
  const staleWhileAsked = staleSince();
  if (staleWhileAsked !== undefined) return notStarted(staleWhileAsked, true);
  if (mode.dryRun && change.wire === 'arm') {
    await ctx.journal.note(ctx.id, `dry run: ${change.what} shown, not sent`, change.dryRunDetail);
    ctx.show({ result: change.dryRun ?? DRY_RUN });
    return 'dry-run';
  }
  // A Kubernetes change with a preflight: in a dry run the preflight was the whole change. It is
  // journaled as the rehearsal answered yes, as an ARM one is (the preflight may write no intent).
  if (mode.dryRun && change.preflight) {
    // `wire: 'kube'` tells the records it was sent, as server-side dry runs, not only shown.
    await ctx.journal.note(ctx.id, `dry run: ${change.what} accepted by the API server`, {
      ...change.dryRunDetail,
      wire: 'kube',
    });
    ctx.show({ result: change.dryRun ?? DRY_RUN });
    return 'dry-run';
  }
  // A change not verified before is left so: what this one shows replaces its result.
  run.unverified = undefined;
  run.changeRuns();
  // A further question while it runs is withdrawn as the first one is: the facts it was planned
  // on went stale if a look failed since the change was asked for (before it, or while asked).
  const ask = async (request: ConfirmationRequest): Promise<boolean> => {
    const before = staleSince();
    const yes = before === undefined && (await ctx.confirm(request));
    const why = before ?? (yes ? staleSince() : undefined);
    if (why === undefined) return yes;
    for (const line of staleSinceAsked(why, before === undefined)) progress(line);
    await noteNotStarted(request.change, why);
    return false;
  };
  const outcome = await run.work.run((signal) => change.run(progress, signal, ask));
  // Looks that began before this point saw the cluster before the change: they verify nothing.
  const endedAt = (run.changeEnded = run.looksBegun);
  // What the change did, as the step says it; shown (again) with `note` added when not verified.
  let ended: ChangeDone;
  /** Shows what the change did; returns the result lines shown. */
  const show = (note: string[] = []): string[] => {
    const { changed: _changed, failed: _failed, ...shown } = ended;
    const result = [...shown.result, ...note];
    ctx.show({ ...shown, result });
    return result;
  };
  const end = (facts: Facts | undefined): void => {
    ended = change.done(outcome, facts);
    run.again =
      ended.failed && change.again
        ? {
            run: change.again,
            what: change.what,
            ...(change.againNote ? { note: change.againNote } : {}),
          }
        : undefined;
    // A failure stays on screen (above any later result) and in the status until seen.
    const unseen = run.unseenFailure;
    if (ended.failed) run.unseenFailure = { what: change.what, lines: ended.result };
    else if (unseen) ended = { ...ended, result: [...unseen.lines, '', ...ended.result] };
    show();
    run.publish();
  };
  let lookFailed: string | undefined;
  if (change.verify === 'after') {
    end(run.facts);
    lookFailed = await verifyingLook(run);
  } else {
    if (change.verify !== false) lookFailed = await verifyingLook(run);
    // Facts from before the change verify nothing: the step says what was done, no verdict.
    end(lookFailed === undefined ? run.facts : undefined);
  }
  const changed = ended!.changed;
  // Only a change that did (or may have done) something is left to verify; one that changed
  // nothing (refused before any write) only says that the look after it failed.
  const mayHaveChanged = changed !== undefined || ended!.failed === true;
  // Why the change is not verified, if it is not.
  const unverified = mayHaveChanged ? lookFailed : undefined;
  if (unverified !== undefined) {
    // After a failure that can be tried again, the look-again key of a fresh step runs the change
    // again instead: only a key that looks now is named.
    const looks = run.offered().filter((a) => !run.retries(a));
    const lines = show(notVerified(unverified, looks, ended!.failed === true));
    run.unverified = { after: endedAt, verify: () => verifiedLater(run, change, outcome), lines };
  } else if (lookFailed !== undefined) {
    show([`▲ The look after it failed: ${lookFailed}`]);
  }
  if (run.unseenFailure) ctx.status({ kind: 'failed', what: run.unseenFailure.what });
  else if (changed && unverified !== undefined) ctx.status(NOT_VERIFIED_STATUS);
  else if (changed) ctx.status({ kind: 'changed', what: changed });
  // Said last: a look that verifies it may come while this is written.
  if (unverified !== undefined) {
    await run.ctx.journal
      .note(run.ctx.id, `verification not done: ${change.what}`, {
        verified: false,
        why: lookFailed,
      })
      .catch(() => undefined);
  }
  return 'done';
}

/**
 * A look that began after the change and worked, after the change's verifying look failed: the
 * step's result with the fresh facts (its verdict now), journaled as that result says. Verified
 * only when the fresh result confirms the change; the status follows the fresh result.
 */
function verifiedLater<Outcome, Facts, State, Event extends StepEventShape>(
  run: StepRun<Facts, State, Event>,
  change: Change<Outcome, Facts>,
  outcome: Outcome,
): void {
  const fresh = change.done(outcome, run.facts);
  const { changed, failed, ...shown } = fresh;
  run.ctx.show(shown);
  const verified = confirms(fresh);
  void run.ctx.journal
    .note(run.ctx.id, `${verified ? 'verified' : 'not verified'} by a later look: ${change.what}`, {
      verified,
      result: fresh.result,
    })
    .catch(() => undefined);
  if (failed) run.unseenFailure = { what: change.what, lines: fresh.result };
  if (run.unseenFailure) run.ctx.status({ kind: 'failed', what: run.unseenFailure.what });
  else if (verified && changed) run.ctx.status({ kind: 'changed', what: changed });
}

/**
 * The look after a change, which verifies it: undefined when it worked, else why it failed (the
 * step is then stale). The change itself stands: its journal lines are written, its result is
 * still shown.
 */
async function verifyingLook<Facts, State, Event extends StepEventShape>(
  run: StepRun<Facts, State, Event>,
): Promise<string | undefined> {
  // This look's stamp: a look shown with a higher one began after it.
  const stamp = run.looksBegun + 1;
  try {
    await run.look();
    return undefined;
  } catch (error) {
    // Overtaken by a look begun after it (one that follows the cluster) that worked: that look
    // read the cluster after the change, and verifies it.
    if (run.stale === undefined && run.shownSince(stamp)) return undefined;
    return run.stale ?? firstLine(messageOf(error));
  }
}

/** The result of a change not started: a look failed since it was asked for (or while asked). */
function staleSinceAsked(why: string, asked: boolean): string[] {
  return [
    asked
      ? `✖ Not started: a look failed while you were asked (${why}); what you confirmed may no longer be true. Look again first.`
      : `✖ Not started: a look failed before you were asked (${why}); what the change was planned on may no longer be true. Look again first.`,
  ];
}

/** The status of a step whose change was made but could not be verified (short: a title). */
export const NOT_VERIFIED_STATUS = { kind: 'unavailable', why: 'changed, not verified' } as const;

/**
 * The lines under a change's result when the look that verifies it failed: done, not verified,
 * how to look again (first: the line is cut at the terminal's width, so the key comes before the
 * explanation and stays readable at 80 columns), and why the look failed.
 */
export function notVerified(
  why: string,
  offered: ReadonlyArray<{ key: string; looksAgain?: true }>,
  failed: boolean,
): string[] {
  const key = offered.find((a) => a.looksAgain)?.key;
  return [
    `▲ ${failed ? 'NOT' : 'Done, NOT'} verified. ${key ? `Press ${key} to look again` : 'Look again to verify it'}: the cluster was not read back after the change.`,
    `  The look after the change failed: ${why}`,
  ];
}
