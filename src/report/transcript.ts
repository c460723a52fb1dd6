import {
  actionOn,
  LOOK_FAILED,
  type JournalContents,
  type JournalRecord,
} from '../model/journal.js';
import { digestSession } from './journal-digest.js';
import {
  decisionOutcome,
  decisionWords,
  requestWords,
  type JournaledDecision,
} from './decisions.js';
import { visibleDeep } from '../model/visible-text.js';
import { cell, duration, mdCode, mdText, objectName, table } from './markdown.js';
import { plural } from '../model/plural.js';

type NoteRecord = Extract<JournalRecord, { type: 'note' }>;

/**
 * A Markdown transcript of one session, built from its journal alone: the cluster, what each step
 * found, every confirmation, every change with its result and duration, anything left in flight.
 * Everything the journal holds is data: control characters are shown, never written raw.
 */
export function renderTranscript(journal: JournalContents): string {
  const contents = visibleDeep(journal);
  const digest = digestSession(contents);
  const { identity, mode } = digest;
  const lines = [`# aks-runbook session: ${mdText(identity.cluster)}`, ''];
  lines.push(`- Journal: ${mdCode(contents.path)}`);
  if (identity.arm) {
    lines.push(
      `- Cluster: **${mdText(identity.cluster)}** (subscription ${mdCode(identity.arm.subscriptionId)}, resource group ${mdCode(identity.arm.resourceGroup)})`,
    );
  } else lines.push(`- Cluster: **${mdText(identity.cluster)}**`);
  if (identity.server) lines.push(`- API server: ${mdCode(identity.server)}`);
  if (mode) lines.push(`- Mode: ${modeWords(mode)}`);
  if (digest.startedAt) {
    lines.push(
      `- From ${digest.startedAt} to ${digest.lastAt ?? digest.startedAt} (${duration(span(digest.startedAt, digest.lastAt))})`,
    );
  }
  if (digest.inFlight.length > 0) {
    lines.push(
      '',
      `> **The session ended with ${plural(digest.inFlight.length, 'change')} under way and no result written.** Check the cluster's current state before anything else.`,
    );
  } else if (contents.tornTail) {
    lines.push('', "> The journal's last line was cut off: the session ended abruptly.");
  }
  const unknown = digest.unsettled.length - digest.inFlight.length;
  if (unknown > 0) {
    lines.push(
      '',
      `> **${plural(unknown, 'change')} ${unknown === 1 ? 'was' : 'were'} sent with outcome unknown** (the answer was lost or the session stopped watching). Check the cluster in Azure before sending again.`,
    );
  }
  if (contents.skipped > 0) {
    lines.push(
      '',
      `> ${plural(contents.skipped, 'line')} of the journal ${contents.skipped === 1 ? 'was not a valid record and was' : 'were not valid records and were'} skipped: this transcript may be incomplete.`,
    );
  }
  const resume = resumeLines(contents.records);
  if (resume.length > 0) lines.push('', '## Resume', '', ...resume);

  lines.push('', '## What each step found', '');
  const found = latestLooks(contents.records);
  if (found.length === 0) lines.push('No step was inspected.');
  for (const { step, findings: note, failed } of found) {
    const list = note ? findingsOf(note) : [];
    // The stale status's own words say no more than "the look failed": then no reason is added.
    const noted = failed?.detail?.['why'];
    const said = typeof noted === 'string' ? noted : '';
    const why = said && !/look failed/.test(said) ? ` (${mdText(said)})` : '';
    if (!note) {
      lines.push(`### ${step}: could not be inspected: the look failed${why}`, '');
      continue;
    }
    const count = list.length === 0 ? 'nothing found' : plural(list.length, 'finding');
    lines.push(
      failed
        ? `### ${step}: ${count} by an earlier look; STALE: the latest look failed${why}, so this may no longer be true`
        : `### ${step}: ${count}`,
    );
    for (const f of list) {
      const on = objectName(f.object);
      lines.push(
        `- **${f.severity}** ${mdCode(f.id)}${on ? ` on ${mdCode(on)}` : ''}: ${mdText(f.message)}`,
      );
    }
    lines.push('');
  }

  const asked = contents.records.filter((r) => r.type === 'confirmation');
  lines.push('## Confirmations', '');
  if (asked.length === 0) lines.push('Nothing was asked.');
  else {
    lines.push(
      ...table(
        ['time', 'question', 'typed', 'answer'],
        asked.map((c) => [c.time, c.change, c.typed ?? '', c.answer]),
      ),
    );
  }

  // One row per operator decision, its requests (a drain's evictions) counted inside it.
  const changes = digest.decisions.filter((d) => !d.dryRun);
  lines.push('', '## Changes', '');
  if (changes.length === 0) lines.push('Nothing was changed.');
  else {
    lines.push(
      ...table(
        ['started', 'step', 'change', 'requests', 'result', 'took'],
        changes.map((d) => [
          d.time,
          d.step,
          decisionWords(d),
          requestWords(d),
          decisionOutcome(d),
          took(d),
        ]),
      ),
    );
  }
  const rehearsals = digest.decisions.filter((d) => d.dryRun);
  if (rehearsals.length > 0) {
    lines.push('', '## Dry runs (nothing changed)', '');
    lines.push(
      ...table(
        ['time', 'step', 'rehearsed', 'requests', 'result'],
        rehearsals.map((d) => [
          d.time,
          d.step,
          decisionWords(d),
          d.shown !== undefined || d.nothingSent ? 'none sent' : requestWords(d),
          decisionOutcome(d),
        ]),
      ),
    );
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}

/** One line per journal record, for `aks-runbook journal show` (control characters shown). */
export function timelineLines(records: readonly JournalRecord[]): string[] {
  return visibleDeep(records).map((r) => {
    const at = r.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
    switch (r.type) {
      case 'session':
        return `${at}  session       ${r.cluster}${r.mode ? ` (${modeWords(r.mode)})` : ''}`;
      case 'note':
        return `${at}  ${r.step.padEnd(12)}  ${r.message}${r.message === 'findings' ? `: ${findingsOf(r).length}` : ''}`;
      case 'confirmation':
        return `${at}  asked         ${r.change} -> ${r.answer}`;
      case 'intent':
        return `${at}  ${r.step.padEnd(12)}  #${r.id} ${actionOn(r.action, r.target)}`;
      case 'result':
        // A settled line's `error` repeats `settled`: said once.
        return `${at}  result        #${r.id} ${r.outcome}${r.settled ? ` (answer lost; read again: ${cell(r.settled)})` : r.error ? `: ${cell(r.error)}` : ''}`;
    }
  });
}

/**
 * Read-only / dry-run / changes allowed, and whether the cluster was simulated or real, in words
 * (an older journal without `simulated` says only what it knows: `demo` was simulated).
 */
export function modeWords(mode: {
  readOnly: boolean;
  dryRun: boolean;
  demo: boolean;
  simulated?: boolean;
}): string {
  const words = [mode.readOnly ? 'read-only' : mode.dryRun ? 'dry-run' : 'changes allowed'];
  if (mode.demo) words.push('simulated cluster (--demo)');
  else if (mode.simulated) words.push('simulated cluster (aks-runbook sim)');
  else if (mode.simulated === false) words.push('real cluster');
  return words.join(', ');
}

/**
 * What became of an earlier session left with changes in flight: found (which journal, how many
 * changes), not offered (`--demo`), and each answer the operator gave to the offer.
 */
function resumeLines(records: readonly JournalRecord[]): string[] {
  const lines: string[] = [];
  for (const r of records) {
    if (r.type !== 'note' || r.step !== 'connect') continue;
    const journal = r.detail?.['journal'];
    const from = typeof journal === 'string' ? ` (\`${journal}\`)` : '';
    if (r.message === 'interrupted session found') {
      const intents = r.detail?.['intents'];
      const count = Array.isArray(intents) ? intents.length : 0;
      lines.push(
        `- ${r.time}: an earlier session${from} ended with ${plural(count, 'change')} in flight; resume offered`,
      );
    } else if (r.message === 'interrupted session not offered (--demo)') {
      lines.push(`- ${r.time}: ${r.message}: each --demo is a new simulated cluster`);
    } else if (r.message.startsWith('interrupted session: operator chose ')) {
      const choice = r.message.slice('interrupted session: operator chose '.length);
      const step = r.detail?.['step'];
      lines.push(`- ${r.time}: decision: ${resumeChoiceWords(choice, step)}`);
    }
  }
  return lines;
}

function resumeChoiceWords(choice: string, step: unknown): string {
  if (choice === 'open') return `continue, on step ${typeof step === 'string' ? step : '?'}`;
  if (choice === 'dismiss') return 'dismissed (not resumed)';
  if (choice === 'details') return 'looked at the details';
  return choice;
}

/** A finding as a journal `findings` note keeps it. */
export interface NotedFinding {
  id: string;
  severity: string;
  message: string;
  object?: { kind: string; name: string; namespace?: string };
}

/** The latest `findings` note of each step, in the order the steps were first inspected. */
export function latestFindings(records: readonly JournalRecord[]): NoteRecord[] {
  const latest = new Map<string, NoteRecord>();
  for (const r of records) if (r.type === 'note' && r.message === 'findings') latest.set(r.step, r);
  return [...latest.values()];
}

/** Each step's latest `findings` note, and the failed look after it if the latest look failed. */
function latestLooks(
  records: readonly JournalRecord[],
): { step: string; findings?: NoteRecord; failed?: NoteRecord }[] {
  const latest = new Map<string, { step: string; findings?: NoteRecord; failed?: NoteRecord }>();
  for (const r of records) {
    if (r.type !== 'note') continue;
    const was = latest.get(r.step);
    if (r.message === 'findings') latest.set(r.step, { step: r.step, findings: r });
    else if (r.message === LOOK_FAILED)
      latest.set(r.step, {
        step: r.step,
        ...(was?.findings ? { findings: was.findings } : {}),
        failed: r,
      });
  }
  return [...latest.values()];
}

/** The findings a `findings` note carries. */
export function findingsOf(note: NoteRecord): NotedFinding[] {
  const list = note.detail?.['findings'];
  return Array.isArray(list) ? (list as NotedFinding[]) : [];
}

/** From a decision's first request to its last result; empty while one has none. */
function took(d: JournaledDecision): string {
  const ends = d.requests.map((c) => c.result?.time);
  if (ends.length === 0 || ends.some((t) => t === undefined)) return '';
  const last = ends.reduce((a, b) => (Date.parse(b!) > Date.parse(a!) ? b : a));
  return duration(span(d.time, last));
}

function span(from: string, to: string | undefined): number {
  return Math.max(0, Date.parse(to ?? from) - Date.parse(from));
}
