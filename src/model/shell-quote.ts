// Words for a POSIX shell (bash, zsh, sh): what the operator pastes must name exactly the
// object shown, whatever characters its name holds.

/** Characters a shell takes literally in an unquoted word. */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * `word` as one shell word: left bare when every character is literal, otherwise in single
 * quotes (inside which nothing is special; a single quote itself is closed, escaped and reopened).
 */
export function shellQuote(word: string): string {
  if (PLAIN.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A command line from its words, each quoted as needed. */
export function shellLine(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
