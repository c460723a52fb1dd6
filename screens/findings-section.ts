import type { Finding } from '../src/model/finding.js';
import {
  groupFindings,
  objectLabel,
  severityCounts,
  type FindingGroup,
  type FindingSort,
} from './finding-list.js';
import { findingLines, heading, paragraph, severityLook, type FrameLine } from './step-lines.js';
import { theme } from './theme.js';

/** How the operator is looking at the findings: sort, filter, and groups folded or not. */
export interface FindingsLook {
  sort: FindingSort;
  filter: string;
  /** Groups shown as one header line each; undefined = decide by what fits. */
  folded?: boolean | undefined;
}

/** The findings section's lines, and whether its groups ended up folded. */
export interface FindingsSection {
  lines: FrameLine[];
  folded: boolean;
}

/**
 * The findings section: a heading with the sort and filter, then the findings grouped by subject
 * or object. Unless the operator chose, groups fold to one header line each when the full list
 * would not fit in `rows` and folding saves lines (some group holds more than one finding).
 */
export function findingsSection(
  findings: readonly Finding[],
  look: FindingsLook,
  width: number,
  rows: number,
): FindingsSection {
  const groups = groupFindings(findings, look.sort, look.filter);
  const shown = groups.reduce((n, g) => n + g.findings.length, 0);
  const count = shown === findings.length ? `${shown}` : `${shown} of ${findings.length}`;
  const about = [
    findings.length > 1 ? `sort: ${look.sort}` : '',
    look.filter ? `filter: ${look.filter}` : '',
  ].filter(Boolean);
  const head: FrameLine[] = heading(`Findings (${count})`);
  if (about.length > 0) head[0]!.push({ text: ` · ${about.join(' · ')}`, color: theme.muted });
  if (findings.length === 0)
    return { lines: [...head, [{ text: '✔ nothing found', color: theme.ok }]], folded: false };
  if (shown === 0) {
    const none = `No finding matches "${look.filter}" (Esc clears the filter).`;
    return { lines: [...head, ...paragraph(none, width, '', theme.muted)], folded: false };
  }
  const open = groups.flatMap((g) => groupLines(g, width));
  const folded = look.folded ?? (groups.length < shown && open.length > rows);
  // Folded, the ids are one key away: say which.
  if (folded) head[0]!.push({ text: ' · z: open every finding', color: theme.muted });
  return { lines: [...head, ...(folded ? groups.map(foldedLine) : open)], folded };
}

/** A group of one is its finding alone; larger groups get a header and their findings under it. */
function groupLines(group: FindingGroup, width: number): FrameLine[] {
  if (group.findings.length === 1) return findingLines(group.findings[0]!, width);
  const header = headerLine('▾', group);
  const members = group.findings.flatMap((f) =>
    findingLines(f, width - 2, { object: objectLabel(f.object) !== group.label }).map(
      (line): FrameLine => [{ text: '  ' }, ...line],
    ),
  );
  return [header, ...members];
}

function foldedLine(group: FindingGroup): FrameLine {
  return headerLine('▸', group);
}

/** `▸ ▲ HIGH Deployment/shop/web · 3 findings: 1 high, 2 medium` (or the id for a group of one). */
function headerLine(marker: string, group: FindingGroup): FrameLine {
  const look = severityLook(group.worst);
  const only = group.findings.length === 1 ? group.findings[0] : undefined;
  const detail = only
    ? ` · ${only.id}`
    : ` · ${group.findings.length} findings: ${severityCounts(group.findings)}`;
  return [
    { text: `${marker} ` },
    { text: `${look.label} `, color: look.color, bold: true },
    { text: group.label, bold: true },
    { text: detail, color: theme.muted },
  ];
}
