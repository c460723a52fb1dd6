/** Escapes text for a Markdown table cell: pipes and line breaks would break the row. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

// The marks that open Markdown inline syntax mid-line: escapes, code, emphasis, links and images
// (`[`; a `(` or `!` only counts next to a bracket), raw HTML and autolinks (`<`), entities (`&`),
// GFM strikethrough, table pipes and email autolinks (`@`), GitHub math (`$`). CommonMark lets any
// ASCII punctuation be backslash-escaped, so each still renders as itself.
const INLINE_SYNTAX = /[\\`*_[\]<&~|$@]/g;

/**
 * Text from the cluster, Azure or a file as inert Markdown inline text: no HTML, link, image,
 * autolink or emphasis can come out of it, and it stays on its line. For the middle of a line
 * (block syntax such as `#` or `-` only counts at a line's start, which a data piece never is).
 */
export function mdText(text: string): string {
  return (
    text
      .replace(/\r\n?|\n/g, ' ')
      .replace(INLINE_SYNTAX, '\\$&')
      // GFM also links a bare `https://…` or `www.…`; an escaped colon or dot stops it.
      .replace(/:(?=\/\/)/g, '\\:')
      .replace(/(www)\./gi, '$1\\.')
  );
}

/**
 * Text as a Markdown code span, fenced with one more backtick than its longest run so no content
 * can close it (CommonMark code spans); padded when it starts or ends with a backtick or a space,
 * since one space each side is stripped.
 */
export function mdCode(text: string): string {
  const flat = text.replace(/\r\n?|\n/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(flat) || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A Markdown table from a header and rows of data text (each cell made inert by mdText). */
export function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.map(mdText).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(mdText).join(' | ')} |`),
  ];
}

/** `kind/namespace/name` or `kind/name`, the way the reports name objects. */
export function objectName(
  ref: { kind: string; name: string; namespace?: string } | undefined,
): string {
  if (!ref) return '';
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

/** A duration for people: `850 ms`, `12.3 s`, `4 min 05 s`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}
