import { FINDING_MEANINGS } from './finding-catalog.js';

/**
 * A hole: the finding says part of its step was not read (a read refused, or failed). Told by the
 * catalog's meaning line, so a hole named otherwise (`rbac.azure-unread`) is not missed.
 */
function saysHole(id: string, meaning: string): boolean {
  return (
    id.endsWith('.forbidden') ||
    /^could not check\b/.test(meaning) ||
    /cannot read what it checks/.test(meaning)
  );
}

/**
 * An unknown fact: the finding says a fact could not be read, told, reported or judged (not a
 * risk seen, nor a refused read): what it may hide is not known. Told by the catalog's meaning.
 */
function saysUnknownFact(meaning: string): boolean {
  return /could not be (read|told)|not known|not reported|not judged|is unknown|could not tell/.test(
    meaning,
  );
}

/**
 * Finding ids that say part of a step was not read (refused, or failed): a hole in the audit,
 * not a risk. Each makes the audit exit 2, gets an `INCOMPLETE:` line and a SARIF error
 * notification, cannot be waived, and keeps its step's baseline findings from counting as fixed.
 * Derived from the finding catalog (one source).
 */
export const HOLE_FINDING_IDS: ReadonlySet<string> = new Set(
  Object.entries(FINDING_MEANINGS)
    .filter(([id, meaning]) => saysHole(id, meaning))
    .map(([id]) => id),
);

/**
 * Finding ids that say a fact could not be read or told (`*-unknown`, not reported, not judged):
 * judged at the severity of what they may hide; under `--fail-on-new` one the baseline had still
 * counts, and its step's baseline findings are not listed as fixed. Derived from the finding
 * catalog (one source), so a new such id cannot be left out.
 */
export const UNKNOWN_FACT_FINDING_IDS: ReadonlySet<string> = new Set(
  Object.entries(FINDING_MEANINGS)
    .filter(([id, meaning]) => !saysHole(id, meaning) && saysUnknownFact(meaning))
    .map(([id]) => id),
);

/** Whether a finding says part of its step was not read (a hole, see HOLE_FINDING_IDS). */
export function isHoleFinding(finding: { id: string }): boolean {
  return HOLE_FINDING_IDS.has(finding.id);
}

/** Whether a finding says a fact could not be read or told (see UNKNOWN_FACT_FINDING_IDS). */
export function isUnknownFactFinding(finding: { id: string }): boolean {
  return UNKNOWN_FACT_FINDING_IDS.has(finding.id);
}

/** Whether a finding says its step did not see everything: a hole or an unknown fact. */
export function isUnreadFinding(finding: { id: string }): boolean {
  return isHoleFinding(finding) || isUnknownFactFinding(finding);
}
