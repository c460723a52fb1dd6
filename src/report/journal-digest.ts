import type { JournalContents, JournalRecord } from '../model/journal.js';
import type { SessionMode } from '../model/session.js';
import { decisionsOf, isDryRun, type JournaledDecision } from './decisions.js';

type IntentRecord = Extract<JournalRecord, { type: 'intent' }>;
type ResultRecord = Extract<JournalRecord, { type: 'result' }>;

/** A change as the journal tells it: the intent, and its result when one was written. */
export interface JournaledChange {
  intent: IntentRecord;
  result?: ResultRecord;
}

/** Which cluster a session was about, as precisely as the journal says. */
export interface SessionIdentity {
  cluster: string;
  server?: string;
  arm?: { subscriptionId: string; resourceGroup: string; name: string };
}

/** What one journal file says about its session, for listing, transcripts and resume. */
export interface SessionDigest {
  path: string;
  identity: SessionIdentity;
  mode?: SessionMode;
  /** The process id the session recorded (its session line), to tell one still running. */
  pid?: number;
  startedAt?: string;
  /** The time of the last readable line. */
  lastAt?: string;
  /** Every request journaled (an eviction is one), with its result. */
  changes: JournaledChange[];
  /** One per operator decision (its requests inside), dry runs apart: what was changed. */
  decisions: JournaledDecision[];
  /** Intents with no result: the session ended while these were under way (dry runs left out). */
  inFlight: IntentRecord[];
  /**
   * Changes whose end the session never learnt: no result, or a result of outcome `unknown` (sent,
   * its answer lost or the session quit while it ran). The cluster may be mid-change. Dry runs, and
   * every request of a `--dry-run` session, are left out: they change nothing.
   */
  unsettled: JournaledChange[];
  tornTail: boolean;
  /** Whole lines skipped as not valid records. */
  skipped: number;
}

/** Reads the digest out of a parsed journal file. */
export function digestSession(contents: JournalContents): SessionDigest {
  const { records } = contents;
  const session = records.find((r) => r.type === 'session');
  const identity: SessionIdentity = { cluster: session?.cluster ?? '(unknown cluster)' };
  const connected = records.find(
    (r): r is Extract<JournalRecord, { type: 'note' }> =>
      r.type === 'note' && r.step === 'connect' && r.message === 'connected',
  );
  const server = connected?.detail?.['server'];
  if (typeof server === 'string') identity.server = server;
  const arm = armOf(connected?.detail?.['arm']);
  if (arm) identity.arm = arm;

  const results = new Map<number, ResultRecord>();
  for (const r of records) if (r.type === 'result') results.set(r.id, r);
  const changes = records
    .filter((r): r is IntentRecord => r.type === 'intent')
    .map((intent) => {
      const result = results.get(intent.id);
      return result ? { intent, result } : { intent };
    });
  // A dry run changes nothing: one left with no result is no change under way (README "Journal").
  const sessionDryRun = session?.mode?.dryRun === true;
  const real = changes.filter((c) => !sessionDryRun && !isDryRun(c.intent.detail));
  const digest: SessionDigest = {
    path: contents.path,
    identity,
    changes,
    decisions: decisionsOf(records, changes, sessionDryRun),
    inFlight: real.filter((c) => !c.result).map((c) => c.intent),
    unsettled: real.filter((c) => !c.result || c.result.outcome === 'unknown'),
    tornTail: contents.tornTail,
    skipped: contents.skipped,
  };
  if (session?.mode) digest.mode = session.mode;
  if (session?.pid !== undefined) digest.pid = session.pid;
  if (records[0]) digest.startedAt = records[0].time;
  if (records.at(-1)) digest.lastAt = records.at(-1)!.time;
  return digest;
}

/**
 * Whether two sessions were about the same cluster: the same name and, where both journals know
 * them, the same ARM coordinates or else the same API server.
 */
export function sameCluster(a: SessionIdentity, b: SessionIdentity): boolean {
  if (a.cluster !== b.cluster) return false;
  if (a.arm && b.arm) {
    return (
      a.arm.subscriptionId.toLowerCase() === b.arm.subscriptionId.toLowerCase() &&
      a.arm.resourceGroup.toLowerCase() === b.arm.resourceGroup.toLowerCase() &&
      a.arm.name.toLowerCase() === b.arm.name.toLowerCase()
    );
  }
  if (a.server && b.server) return a.server === b.server;
  return false;
}

function armOf(value: unknown): SessionIdentity['arm'] {
  if (typeof value !== 'object' || value === null) return undefined;
  const { subscriptionId, resourceGroup, name } = value as Record<string, unknown>;
  if (typeof subscriptionId !== 'string' || typeof resourceGroup !== 'string') return undefined;
  if (typeof name !== 'string') return undefined;
  return { subscriptionId, resourceGroup, name };
}
