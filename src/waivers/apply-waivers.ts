import type { AuditReport, ReportedFinding, StepReport } from '../report/audit-schema.js';
import { isHoleFinding } from '../report/hole-findings.js';
import { AREA_STEPS } from '../report/finding-catalog.js';
import type { Waiver, WaiverSet } from './waiver-file.js';
import { clusterMatches, isExpired, objectMatchText, objectMatches } from './waiver-match.js';
import { plural } from '../model/plural.js';

/** The report step that holds the findings about the waivers themselves. */
export const WAIVERS_STEP = { id: 'waivers', title: 'Waivers' } as const;

/**
 * Applies a waivers file to one cluster's report (pure). A finding a waiver accepts stays, marked
 * with the waiver; holes (refused reads) are never waived. Waivers of this cluster that are past
 * their date become `waiver.expired` findings (and accept nothing); those that accept nothing of
 * a step that ran to the end become `waiver.unused`. Totals and exit code are left to the caller.
 */
export function applyWaivers(report: AuditReport, set: WaiverSet, now: Date): AuditReport {
  const mine = set.waivers.filter((w) => clusterMatches(w.cluster, report.cluster));
  const live = mine.filter((w) => !isExpired(w.expires, now));
  const used = new Set<Waiver>();
  const mark = (finding: ReportedFinding): ReportedFinding => {
    const waiver = waiverFor(live, finding);
    if (!waiver) return finding;
    used.add(waiver);
    const { reason, owner, expires, entry } = waiver;
    return { ...finding, waiver: { reason, owner, expires, file: set.file, entry } };
  };
  const steps = report.steps.map((s) => ({ ...s, findings: s.findings.map(mark) }));
  const idle = live.filter((w) => !used.has(w));
  // A waiver whose step read nothing (or not all) had no chance to match: its use is unknown.
  const unknown = idle.filter((w) => couldHaveMatched(w, steps) === 'unknown');
  const own: ReportedFinding[] = [
    ...mine.filter((w) => isExpired(w.expires, now)).map((w) => expired(w, set.file)),
    ...idle.filter((w) => couldHaveMatched(w, steps) === true).map((w) => unused(w, set.file)),
  ];
  const waiverStep: StepReport = {
    ...WAIVERS_STEP,
    status: own.length > 0 ? 'findings' : 'ok',
    summary: [
      `${mine.length} of the ${plural(set.waivers.length, 'waiver')} in ${set.file} ${mine.length === 1 ? 'applies' : 'apply'} to this cluster`,
      ...(unknown.length > 0
        ? [
            `Not known whether ${unknown.length === 1 ? 'this waiver matches' : `these ${unknown.length} waivers match`} anything, as the step's read failed (not unused; keep ${unknown.length === 1 ? 'it' : 'them'}): ${unknown.map((w) => `${w.finding} ${objectMatchText(w.object)}`).join(', ')}`,
          ]
        : []),
    ],
    findings: own,
  };
  return {
    ...report,
    steps: [...steps, waiverStep],
    waivers: {
      file: set.file,
      entries: set.waivers.length,
      waived: steps.reduce((n, s) => n + s.findings.filter((f) => f.waiver).length, 0),
      expired: own.filter((f) => f.id === 'waiver.expired').length,
      unused: own.filter((f) => f.id === 'waiver.unused').length,
    },
  };
}

/** The waivers of a cluster that hold now, in file order. */
export function liveWaivers(
  set: WaiverSet,
  cluster: { name: string; resourceGroup?: string | undefined },
  now: Date,
): Waiver[] {
  return set.waivers.filter(
    (w) => clusterMatches(w.cluster, cluster) && !isExpired(w.expires, now),
  );
}

/** The first of `live` that accepts `finding`; never one for a hole or a waiver's own finding. */
export function waiverFor(
  live: readonly Waiver[],
  finding: Pick<ReportedFinding, 'id' | 'object'>,
): Waiver | undefined {
  if (!isWaivable(finding.id)) return undefined;
  return live.find((w) => w.finding === finding.id && objectMatches(w.object, finding.object));
}

/** Whether a finding id may be accepted as a risk: not a hole in the audit, not about waivers. */
export function isWaivable(id: string): boolean {
  return !isHoleFinding({ id }) && !id.startsWith('waiver.');
}

/**
 * Whether a waiver that matched nothing had its chance: the step that reports its finding id ran
 * to the end with its reads done (a `rights.*` id: any step did). An id no step reports can never
 * match. 'unknown' when that step ran but a read of it was refused or failed (a hole finding,
 * see HOLE_FINDING_IDS): what it would have found is not known, nor whether the waiver is used.
 */
function couldHaveMatched(waiver: Waiver, steps: readonly StepReport[]): boolean | 'unknown' {
  const area = waiver.finding.split('.')[0]!;
  const ran = steps.filter((s) => s.status === 'ok' || s.status === 'findings');
  const read = ran.filter((s) => !s.findings.some(isHoleFinding));
  if (area === 'rights') return read.length > 0 || (ran.length > 0 ? 'unknown' : false);
  const step = AREA_STEPS[area];
  if (step === undefined || read.some((s) => s.id === step)) return true;
  return ran.some((s) => s.id === step) ? 'unknown' : false;
}

function about(waiver: Waiver): Pick<ReportedFinding, 'object' | 'step'> {
  // Named by what it matches, not by its line: adding waivers above it keeps it the same finding.
  const cluster = waiver.cluster ? ` @ ${waiver.cluster}` : '';
  return {
    step: WAIVERS_STEP.id,
    object: {
      kind: 'Waiver',
      name: `${waiver.finding} ${objectMatchText(waiver.object)}${cluster}`,
    },
  };
}

function expired(waiver: Waiver, file: string): ReportedFinding {
  return {
    id: 'waiver.expired',
    severity: 'medium',
    ...about(waiver),
    message: `Waiver ${waiver.entry} of ${file} (${waiver.finding} on ${objectMatchText(waiver.object)}, owner ${waiver.owner}) expired on ${waiver.expires}: what it accepted counts again.`,
    remediation:
      'Fix the finding, or renew the waiver with a new date after reviewing its reason with its owner.',
    confirmedBy: null,
  };
}

function unused(waiver: Waiver, file: string): ReportedFinding {
  return {
    id: 'waiver.unused',
    severity: 'low',
    ...about(waiver),
    message: `Waiver ${waiver.entry} of ${file} (${waiver.finding} on ${objectMatchText(waiver.object)}, owner ${waiver.owner}) accepts no finding: the risk is gone, or the match is wrong.`,
    remediation: 'Remove the waiver, or correct its finding id, object or cluster.',
    confirmedBy: null,
  };
}
