import type { Finding } from '../model/finding.js';
import { UserError, firstLine } from '../model/errors.js';
import type { RiskAnswer, RiskDesk } from '../waivers/risk-desk.js';
import { waiverLines } from '../waivers/append-waiver.js';
import type { StepId } from '../model/checklist.js';
import { confirmChange } from './confirm.js';
import type { Journal } from './journal.js';
import { reasonOf } from './journal-file.js';
import type { SessionStore } from './session.js';
import type { StepHost } from './step-host.js';

/** The operator's request to accept the risk of one finding a step shows. */
export interface RiskRequest {
  finding: Pick<Finding, 'id' | 'object'>;
  answer: RiskAnswer;
}

/** What accepting a risk needs from the session. */
export interface RiskSession {
  store: SessionStore;
  journal: Journal;
  host: StepHost;
  desk: RiskDesk;
  cluster: string;
}

/**
 * "Accept this risk" on a finding: checks the answer, asks (naming the cluster and the finding;
 * Cancel is the default), then appends the waiver to the file between a journal intent and its
 * result, and shows the finding waived; in `--dry-run` shows the waiver and writes nothing. Every outcome is a line in the step's result.
 */
export async function acceptRisk(
  session: RiskSession,
  step: StepId,
  request: RiskRequest,
): Promise<void> {
  const { store, journal, host, desk, cluster } = session;
  const say = (line: string): void => host.showResult(step, [line]);
  const finding = (store.getState().stepViews[step]?.findings ?? []).find(
    (f) => f.id === request.finding.id && sameObject(f.object, request.finding.object),
  );
  if (!finding) return say('✖ That finding is no longer shown: nothing was written.');
  const entry = desk.entry(finding, request.answer);
  if (typeof entry === 'string') return say(`✖ The risk was not accepted: ${entry}`);
  const on = finding.object ? ` on ${objectText(finding.object)}` : '';
  // --dry-run promises that nothing changes, and the waivers file is the audit gate's input.
  const dryRun = store.getState().mode.dryRun;
  const yes = await confirmChange(store, journal, {
    cluster,
    change: `Accept the risk of ${finding.id}${on} in cluster ${cluster} until ${entry.expires}`,
    details: [
      `Reason: ${entry.reason}`,
      `Owner: ${entry.owner}`,
      dryRun
        ? `Would append a waiver to ${desk.file}; in a dry run nothing is written.`
        : `Appends a waiver to ${desk.file}.`,
      'The finding stays in every report, marked waived, and stops counting for audit --fail-on until it expires.',
    ],
  });
  if (!yes) return say('Cancelled: nothing was written.');
  if (dryRun) {
    return host.showResult(step, [
      `Dry run: nothing was written. Without --dry-run this waiver would be appended to ${desk.file}:`,
      ...waiverLines(entry).map((line) => `  ${line}`),
    ]);
  }
  try {
    await journal.mutation(
      { step, action: 'accept risk', target: desk.file, detail: { ...entry } },
      () => desk.accept(entry),
    );
  } catch (error) {
    return say(`✖ The waiver was not written: ${unwritten(desk.file, error)}`);
  }
  host.remark();
  say(`✔ Risk accepted until ${entry.expires} (owner ${entry.owner}): written to ${desk.file}.`);
}

/** Why the waiver was not written, in words: the file and the reason (EACCES, ENOSPC…). */
function unwritten(file: string, error: unknown): string {
  // Already one line for the operator (the file unreadable or wrong, the journal unwritable).
  if (error instanceof UserError) return firstLine(error.message);
  return `${file} could not be written (${reasonOf(error)}); check the path, its permissions and free disk space`;
}

function sameObject(a: Finding['object'], b: Finding['object']): boolean {
  return a?.kind === b?.kind && a?.namespace === b?.namespace && a?.name === b?.name;
}

function objectText(o: NonNullable<Finding['object']>): string {
  return `${o.kind}/${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}
