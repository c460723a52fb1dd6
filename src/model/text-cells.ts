import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';

// Text measured in terminal cells, the one way: wide characters (CJK, most emoji) take two
// cells, combining marks none. Every table, column and cut in the product goes through here.

/** How many terminal cells `text` takes. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/**
 * `text` cut to at most `width` cells, a cut marked with an ellipsis: at the end, or in the middle
 * to keep both ends (a verb and the object it names).
 */
export function fit(text: string, width: number, cut: 'end' | 'middle' = 'end'): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  return cliTruncate(text, width, { position: cut });
}

/** `text` padded with spaces to at least `width` cells (never cut). */
export function padTo(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** `fit`, then padded: exactly `width` cells, one table cell. */
export function cell(text: string, width: number): string {
  return padTo(fit(text, width), width);
}

/**
 * Rows as aligned lines: each column as wide as its widest cell, columns apart by `gap`, the
 * last column not padded and trailing spaces trimmed.
 */
export function alignColumns(rows: readonly string[][], gap = '  '): string[] {
  const count = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: count }, (_, i) =>
    Math.max(0, ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  return rows.map((r) =>
    r
      .map((c, i) => (i < r.length - 1 ? padTo(c, widths[i]!) : c))
      .join(gap)
      .trimEnd(),
  );
}
