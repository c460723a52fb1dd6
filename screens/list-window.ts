/** The slice [start, end) of a list of `length` rows that shows `cursor` within `rows` lines. */
export function listWindow(
  length: number,
  cursor: number,
  rows: number,
): { start: number; end: number } {
  if (length <= rows) return { start: 0, end: length };
  const start = Math.min(Math.max(0, cursor - Math.floor(rows / 2)), length - rows);
  return { start, end: start + rows };
}
