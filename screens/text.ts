/** Cuts `text` to `width` terminal cells (one per code point), marking the cut with an ellipsis. */
export function fit(text: string, width: number): string {
  const chars = Array.from(text);
  if (chars.length <= width) return text;
  if (width <= 1) return chars.slice(0, width).join('');
  return `${chars.slice(0, width - 1).join('')}…`;
}

/** `fit`, then padded with spaces to exactly `width` cells: one table cell. */
export function cell(text: string, width: number): string {
  const cut = fit(text, width);
  return cut + ' '.repeat(Math.max(0, width - Array.from(cut).length));
}

/** on / off / unknown for a fact that may be missing. */
export function onOff(value: boolean | undefined): string {
  if (value === undefined) return 'unknown';
  return value ? 'on' : 'off';
}

/** Word-wraps `text` to lines of at most `width` cells; words longer than a line are cut. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const piece = fit(word, width);
    if (line === '') line = piece;
    else if (Array.from(line).length + 1 + Array.from(piece).length <= width) line += ` ${piece}`;
    else {
      lines.push(line);
      line = piece;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
