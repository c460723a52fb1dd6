/**
 * Finding ids that say part of a step was not read (refused, or failed): a hole in the audit,
 * not a risk. Each makes the audit exit 2, gets an `INCOMPLETE:` line and a SARIF error
 * notification, cannot be waived, and keeps its step's baseline findings from counting as fixed.
 * Kept as a list of ids (not a suffix rule) so a hole named otherwise is not missed.
 */
export const HOLE_FINDING_IDS: ReadonlySet<string> = new Set([
  'rights.read-forbidden',
  'defender.forbidden',
  'access.forbidden',
  'rbac.forbidden',
  'rbac.azure-unread',
  'imds.forbidden',
  'containers.forbidden',
  'versions.forbidden',
  'drain.forbidden',
  'nodeimage.forbidden',
]);

/** Whether a finding says part of its step was not read (a hole, see HOLE_FINDING_IDS). */
export function isHoleFinding(finding: { id: string }): boolean {
  return HOLE_FINDING_IDS.has(finding.id);
}
