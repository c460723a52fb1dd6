import { displayWidth } from '../src/model/text-cells.js';

/** on / off / unknown for a fact that may be missing. */
export function onOff(value: boolean | undefined): string {
  if (value === undefined) return 'unknown';
  return value ? 'on' : 'off';
}

/**
 * Word-wraps `text` to lines of at most `width` cells. A word longer than a line (a path, a
 * resource id) is broken over lines whole, never cut: all of it stays readable.
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const pieces = breakWord(word, Math.max(1, width));
    for (const [i, piece] of pieces.entries()) {
      if (line === '') line = piece;
      else if (i === 0 && displayWidth(line) + 1 + displayWidth(piece) <= width)
        line += ` ${piece}`;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** A word in pieces of at most `width` cells (one piece when it fits). */
function breakWord(word: string, width: number): string[] {
  if (displayWidth(word) <= width) return [word];
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece !== '' && displayWidth(piece + char) > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}
