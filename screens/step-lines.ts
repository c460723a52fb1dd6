import type { Finding, Severity } from '../src/model/finding.js';
import type { ViewItem } from '../src/steps/contract/view.js';
import { theme, type ThemeColor } from './theme.js';
import { isCommand } from './copy-context.js';
import { wrapWords } from './text.js';
import { displayWidth } from '../src/model/text-cells.js';
import { shellLines } from './shell-lines.js';

/** A piece of a line with its own style. */
export interface Segment {
  text: string;
  color?: ThemeColor | undefined;
  bold?: boolean;
}

/** One screen line of a step, already wrapped to the width. */
export type FrameLine = Segment[];

const SEVERITY_LOOK: Record<Severity, { label: string; color: ThemeColor }> = {
  high: { label: '▲ HIGH', color: theme.danger },
  medium: { label: '▲ MED ', color: theme.warning },
  low: { label: '△ LOW ', color: theme.warning },
  info: { label: 'ℹ INFO', color: theme.muted },
};

/** The severity's label (symbol and word, so it reads without colour) and colour. */
export function severityLook(severity: Severity): { label: string; color: ThemeColor } {
  return SEVERITY_LOOK[severity];
}

/** A heading line. */
export function heading(text: string): FrameLine[] {
  return [[{ text, bold: true, color: theme.accent }]];
}

/** `text` wrapped to `width`, each line indented and styled alike. */
export function paragraph(
  text: string,
  width: number,
  indent = '',
  color?: ThemeColor,
): FrameLine[] {
  return wrapWords(text, width - indent.length).map((line) => [{ text: indent + line, color }]);
}

/**
 * One item of a list (summary, plan, result): `bullet` on its first line, and its own leading
 * spaces kept (then without a bullet), so YAML stays indented; wrapped lines align under the text.
 */
export function listItem(item: string, bullet: string, width: number): FrameLine[] {
  const lead = ' '.repeat(item.length - item.trimStart().length);
  const hang = ' '.repeat(bullet.length) + lead;
  // An indented item continues the one above it (a YAML body): no bullet of its own.
  const first = lead ? hang : bullet;
  // A table row (columns set apart by runs of spaces) keeps its spacing: wrapping would join
  // its columns with single spaces and break the alignment.
  if (isTableRow(item)) return [[{ text: (lead ? ' '.repeat(bullet.length) : first) + item }]];
  return wrapWords(item, Math.max(1, width - hang.length)).map((line, index) => [
    { text: (index === 0 ? first : hang) + line },
  ]);
}

/** Whether `line` is a row of a text table: two or more spaces between words. */
export function isTableRow(line: string): boolean {
  return / {2,}\S/.test(line.trim());
}

/**
 * One item of a view's list: a sentence as `listItem` shows it, or a code block (YAML, a command)
 * line for line as it is, from the first column, never bulleted, so a copy from the terminal is
 * the text itself. A line wider than the screen is read whole, never cut: see `codeLines`.
 */
export function viewItemLines(item: ViewItem, bullet: string, width: number): FrameLine[] {
  if (typeof item === 'string') return listItem(item, bullet, width);
  return item.code.flatMap((line) => codeLines(line, width));
}

/** Ends a piece of a code line that goes on below. */
export const CODE_GOES_ON = '↩';
/** Starts the piece of a code line that goes on from above. */
export const CODE_WENT_ON = '↪ ';

/**
 * One code line as screen lines: as it is when it fits; wider, broken at the screen's edge or just
 * after a space near it (the space kept: nothing is lost or guessed), each piece but the last
 * ending in `↩` and each next one starting, at the line's own indent, with `↪ ` (both muted): what
 * the operator confirms is on screen in full, and the marks say the pieces are one line.
 */
export function codeLines(line: string, width: number): FrameLine[] {
  if (line === '') return [[{ text: ' ' }]];
  if (displayWidth(line) <= width) return [[{ text: line }]];
  const indent = ' '.repeat(Math.min(line.length - line.trimStart().length, Math.floor(width / 2)));
  const mark = { color: theme.muted };
  const lines: FrameLine[] = [];
  let rest = line;
  let first = true;
  while (rest !== '') {
    const lead = first ? '' : indent + CODE_WENT_ON;
    const room = Math.max(1, width - displayWidth(lead) - 1);
    const fits = displayWidth(rest) <= width - displayWidth(lead);
    const piece = fits ? rest : atSpace(cellsOf(rest, room));
    lines.push([
      ...(first ? [] : [{ text: lead, ...mark }]),
      { text: piece },
      ...(fits ? [] : [{ text: CODE_GOES_ON, ...mark }]),
    ]);
    rest = rest.slice(piece.length);
    first = false;
  }
  return lines;
}

/** `piece` ended after its last space when that keeps most of it (the space stays, before `↩`). */
function atSpace(piece: string): string {
  const space = piece.lastIndexOf(' ');
  return space >= piece.length / 2 ? piece.slice(0, space + 1) : piece;
}

/** The longest start of `text` that takes at most `cells` cells (at least one character). */
function cellsOf(text: string, cells: number): string {
  let piece = '';
  for (const char of text) {
    if (piece !== '' && displayWidth(piece + char) > cells) break;
    piece += char;
  }
  return piece;
}

/**
 * A finding: severity, id and object on the first line (the object left out when `object: false`,
 * e.g. under a header that names it), then the message and the remedy.
 */
export function findingLines(
  finding: Finding,
  width: number,
  show: { object?: boolean } = {},
): FrameLine[] {
  const look = SEVERITY_LOOK[finding.severity];
  const object =
    finding.object && show.object !== false
      ? ` ${finding.object.kind}/${finding.object.namespace ? `${finding.object.namespace}/` : ''}${finding.object.name}`
      : '';
  const lines: FrameLine[] = [
    [
      { text: `${look.label} `, color: look.color, bold: true },
      { text: finding.id, bold: true },
      { text: object, color: theme.muted },
    ],
    ...paragraph(finding.message, width, '    '),
    ...(finding.confirmedBy === 'api-server'
      ? paragraph('✔ confirmed by the API server (SubjectAccessReview)', width, '    ', theme.ok)
      : []),
    ...(finding.remediation ? remedyLines(finding.remediation, width) : []),
  ];
  const w = finding.waiver;
  if (!w) return lines;
  // An accepted risk: dimmed all through, and why, by whom, until when, said first.
  const dim = lines.map((line) => line.map((seg) => ({ ...seg, color: theme.muted, bold: false })));
  const why = `≈ waived until ${w.expires} by ${w.owner}: ${w.reason}`;
  return [dim[0]!, ...paragraph(why, width, '    ', theme.muted), ...dim.slice(1)];
}

/** A remedy: a command on lines of its own, broken only with shell continuations; advice wrapped. */
function remedyLines(remedy: string, width: number): FrameLine[] {
  if (isCommand(remedy))
    return shellLines(remedy, width, '    → $ ', '        ').map((text): FrameLine => [
      { text, color: theme.accent },
    ]);
  return paragraph(`→ ${remedy}`, width, '    ', theme.muted);
}
