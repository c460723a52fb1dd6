import type { JournalRecord } from '../model/journal.js';
import type { JournaledChange } from './journal-digest.js';

type Confirmation = Extract<JournalRecord, { type: 'confirmation' }>;

/** How the journal's note of a change confirmed but not started begins (src/steps/lifecycle). */
const NOT_STARTED = 'not started: ';

/**
 * One operator decision as the journal tells it: the question answered yes (when one was asked)
 * and every request it led to (a drain: the cordon and each eviction), or one dry run.
 */
export interface JournaledDecision {
  step: string;
  /** The confirmation the operator answered yes to, if one was asked. */
  asked?: Confirmation;
  /** A rehearsal: server-side dry runs, or an ARM request shown and not sent. */
  dryRun: boolean;
  /** For an ARM dry run (nothing sent): what was shown. */
  shown?: string;
  /**
   * For a Kubernetes dry run answered yes that its preflight ended: what the API server accepted
   * (its requests, when the preflight journaled any, are inside).
   */
  accepted?: string;
  /** For a Kubernetes dry run that had nothing to send (a drain of nodes needing no change). */
  nothingSent?: true;
  time: string;
  requests: JournaledChange[];
}

/**
 * Groups the journaled requests by operator decision, dry runs apart. A request belongs to the
 * last question answered yes before it; further requests of the same step and kind (real or dry
 * run) with no new question belong to the same decision. A dry run sent before a question (the
 * server-side preflight of a change) is a decision of its own, never part of the change; in a
 * dry-run session, where that preflight is the whole change, it is part of the rehearsal answered
 * yes (journaled as a `dry run:` note), so each such yes counts once whether or not the preflight
 * journaled its requests.
 */
export function decisionsOf(
  records: readonly JournalRecord[],
  changes: readonly JournaledChange[],
  sessionDryRun: boolean,
): JournaledDecision[] {
  const byId = new Map(changes.map((c) => [c.intent.id, c]));
  const decisions: JournaledDecision[] = [];
  let pending: Confirmation | undefined;
  let current: JournaledDecision | undefined;
  // The unasked dry runs just before the pending question: that change's preflight.
  let preflight: JournaledDecision | undefined;
  for (const r of records) {
    if (r.type === 'confirmation') {
      pending = r.answer === 'yes' ? r : undefined;
      preflight = current && !current.asked && current.dryRun ? current : undefined;
      current = undefined;
    } else if (r.type === 'note' && r.message.startsWith(NOT_STARTED)) {
      // Answered yes, then not started (a look failed while asking): no request is its own.
      pending = undefined;
      current = undefined;
    } else if (r.type === 'note' && r.message.startsWith('dry run: ') && isKube(r.detail)) {
      const accepted = r.message.slice('dry run: '.length);
      if (pending && preflight?.step === r.step)
        Object.assign(preflight, { asked: pending, accepted });
      else {
        decisions.push({
          step: r.step,
          dryRun: true,
          accepted,
          ...(r.detail?.['sent'] === 0 ? { nothingSent: true as const } : {}),
          time: r.time,
          requests: [],
          ...(pending ? { asked: pending } : {}),
        });
      }
      pending = undefined;
      current = undefined;
    } else if (r.type === 'note' && r.message.startsWith('dry run: ')) {
      decisions.push({
        step: r.step,
        dryRun: true,
        shown: r.message.slice('dry run: '.length),
        time: r.time,
        requests: [],
        ...(pending ? { asked: pending } : {}),
      });
      pending = undefined;
      current = undefined;
    } else if (r.type === 'intent') {
      const change = byId.get(r.id) ?? { intent: r };
      const dryRun = sessionDryRun || isDryRun(r.detail);
      if (pending && (!dryRun || sessionDryRun)) {
        current = { step: r.step, asked: pending, dryRun, time: r.time, requests: [change] };
        decisions.push(current);
        pending = undefined;
      } else if (current && current.step === r.step && current.dryRun === dryRun) {
        current.requests.push(change);
      } else {
        current = { step: r.step, dryRun, time: r.time, requests: [change] };
        decisions.push(current);
      }
    }
  }
  return decisions;
}

/** Whether a `dry run:` note is of Kubernetes dry runs (sent), not of an ARM request shown. */
function isKube(detail: Record<string, unknown> | undefined): boolean {
  return detail?.['wire'] === 'kube';
}

/** Whether an intent was sent as a dry run (`dryRun: 'All'` or `true` in its detail). */
export function isDryRun(detail: Record<string, unknown> | undefined): boolean {
  const flag = detail?.['dryRun'];
  return flag === true || flag === 'All';
}

/** How a decision ended: ok, failed (how many of its requests), outcome unknown, cancelled, or still in flight. */
export function decisionOutcome(d: JournaledDecision): string {
  if (d.shown !== undefined) return 'shown, not sent';
  if (d.nothingSent) return 'nothing to send';
  if (d.accepted !== undefined && d.requests.length === 0) return 'accepted by the API server';
  const left = d.requests.filter((c) => !c.result).length;
  if (left > 0) return `IN FLIGHT (${left} with no result)`;
  const failed = d.requests.filter((c) => c.result?.outcome === 'failed');
  if (failed.length > 0) {
    const first = failed[0]!.result!;
    return `failed (${failed.length} of ${d.requests.length})${first.error ? `: ${first.error}` : ''}`;
  }
  // Sent, and its answer never came: neither failed nor ok.
  const unknown = d.requests.find((c) => c.result?.outcome === 'unknown')?.result;
  if (unknown) return `outcome unknown${unknown.error ? `: ${unknown.error}` : ''}`;
  if (d.requests.some((c) => c.result?.outcome === 'cancelled')) return 'cancelled';
  return 'ok';
}

/** What a decision did, in a few words: its question, else its first request. */
export function decisionWords(d: JournaledDecision): string {
  if (d.asked) return d.asked.change;
  if (d.shown !== undefined) return d.shown;
  const first = d.requests[0]?.intent;
  return first ? `${first.action} ${first.target}` : '?';
}

/** Its requests counted by action: `1 cordon, 12 evict`. */
export function requestWords(d: JournaledDecision): string {
  const counts = new Map<string, number>();
  for (const c of d.requests) counts.set(c.intent.action, (counts.get(c.intent.action) ?? 0) + 1);
  return [...counts].map(([action, n]) => `${n} ${action}`).join(', ');
}
