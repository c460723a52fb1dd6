import { displayWidth } from '../src/model/text-cells.js';

/** The words of a POSIX command line, split at blanks outside single or double quotes. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    // A backslash keeps the next character with it (not inside single quotes, where it is plain).
    if (c === '\\' && quote !== "'") {
      word += c + (command[i + 1] ?? '');
      i++;
    } else if (quote) {
      if (c === quote) quote = undefined;
      word += c;
    } else if (c === ' ') {
      if (word) words.push(word);
      word = '';
    } else {
      if (c === "'" || c === '"') quote = c;
      word += c;
    }
  }
  if (word) words.push(word);
  return words;
}

/**
 * A command laid out for a screen `width` cells wide so that copying it from the terminal still
 * runs it: it breaks only between words, each broken line ends with ` \` (a shell continuation)
 * and the next is indented. `first` is the text before the command on its first line (`$ `).
 * A single word wider than the line is left whole (the screen cuts it; the copy key has it).
 * A comment (a command a dry run shows, not runs) stays one: a shell ends a comment at the line's
 * end whatever it ends with, so each of its lines starts with `# ` instead.
 */
export function shellLines(
  command: string,
  width: number,
  first = '$ ',
  indent = '    ',
): string[] {
  const words = shellWords(command);
  const comment = words[0]?.startsWith('#') === true;
  const [goesOn, next] = comment ? ['', `${indent}# `] : [' \\', indent];
  const lines: string[] = [];
  let line = first;
  let started = false;
  for (const word of words) {
    // Room for the word, and for ` \` unless it could be the last word.
    const candidate = started ? `${line} ${word}` : `${line}${word}`;
    if (!started || displayWidth(`${candidate}${goesOn}`) <= width) {
      line = candidate;
      started = true;
      continue;
    }
    lines.push(`${line}${goesOn}`);
    line = `${next}${word}`;
  }
  lines.push(line);
  return lines;
}
