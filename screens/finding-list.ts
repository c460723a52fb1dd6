import { SEVERITIES, type Finding, type ObjectRef, type Severity } from '../src/model/finding.js';

/** How the findings list is ordered; `s` cycles through these in this order. */
const FINDING_SORTS = ['severity', 'id', 'object'] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];

/** Findings about the same subject or object, shown under one header. */
export interface FindingGroup {
  /** What the findings are about: the finding's `subject`, else its object, else the cluster. */
  label: string;
  findings: Finding[];
  /** The most severe finding of the group. */
  worst: Severity;
}

/** Label for findings that name no subject and no object (cluster-wide settings). */
const NO_OBJECT = 'cluster';

/** `Kind/namespace/name`, as the findings list prints an object. */
export function objectLabel(object: ObjectRef | undefined): string {
  if (!object) return '';
  return `${object.kind}/${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
}

/** The sort that follows `sort` when the operator presses the sort key again. */
export function nextSort(sort: FindingSort): FindingSort {
  return FINDING_SORTS[(FINDING_SORTS.indexOf(sort) + 1) % FINDING_SORTS.length]!;
}

/** What a finding is grouped under. */
function groupLabel(finding: Finding): string {
  return finding.subject ?? (objectLabel(finding.object) || NO_OBJECT);
}

/** Whether `finding` matches the typed filter: case-insensitive, in its id, object, subject or message. */
export function matchesFilter(finding: Finding, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return true;
  const hay = [finding.id, objectLabel(finding.object), finding.subject ?? '', finding.message];
  return hay.some((text) => text.toLowerCase().includes(needle));
}

const rank = (s: Severity) => SEVERITIES.indexOf(s);
const bySeverity = (a: Finding, b: Finding) => rank(b.severity) - rank(a.severity);
const byId = (a: Finding, b: Finding) => a.id.localeCompare(b.id);
const byObject = (a: Finding, b: Finding) =>
  objectLabel(a.object).localeCompare(objectLabel(b.object));

/** Within a group: the chosen key first, then the others, so the order is stable. */
const WITHIN: Record<FindingSort, (a: Finding, b: Finding) => number> = {
  severity: (a, b) => bySeverity(a, b) || byId(a, b) || byObject(a, b),
  id: (a, b) => byId(a, b) || bySeverity(a, b) || byObject(a, b),
  object: (a, b) => byObject(a, b) || bySeverity(a, b) || byId(a, b),
};

/** Between groups: worst severity first, the smallest id first, or by label. */
const BETWEEN: Record<FindingSort, (a: FindingGroup, b: FindingGroup) => number> = {
  severity: (a, b) =>
    rank(b.worst) - rank(a.worst) ||
    b.findings.length - a.findings.length ||
    a.label.localeCompare(b.label),
  id: (a, b) => byId(a.findings[0]!, b.findings[0]!) || a.label.localeCompare(b.label),
  object: (a, b) => a.label.localeCompare(b.label),
};

/** The findings that pass `filter`, grouped by subject or object and ordered by `sort`. Pure. */
export function groupFindings(
  findings: readonly Finding[],
  sort: FindingSort,
  filter = '',
): FindingGroup[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (!matchesFilter(finding, filter)) continue;
    const label = groupLabel(finding);
    groups.set(label, [...(groups.get(label) ?? []), finding]);
  }
  return [...groups]
    .map(([label, members]): FindingGroup => {
      const sorted = [...members].sort(WITHIN[sort]);
      const worst = [...members].sort(bySeverity)[0]!.severity;
      return { label, findings: sorted, worst };
    })
    .sort(BETWEEN[sort]);
}

/** `2 high, 1 low`: how many findings of each severity, most severe first. */
export function severityCounts(findings: readonly Finding[]): string {
  return [...SEVERITIES]
    .reverse()
    .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
}
