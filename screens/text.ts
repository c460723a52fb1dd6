import { displayWidth, fit } from '../src/model/text-cells.js';

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
    else if (displayWidth(line) + 1 + displayWidth(piece) <= width) line += ` ${piece}`;
    else {
      lines.push(line);
      line = piece;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
