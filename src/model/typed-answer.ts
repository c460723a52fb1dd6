/**
 * How long after a question appears (and after the last key it ignored) before a key may answer
 * it: the operator has seen the question, and typing meant for something else has stopped.
 */
export const ANSWER_GUARD_MS = 250;

/**
 * The most printable characters one read of the terminal holds when typed by hand: a person types
 * one between two reads, two or three when the program was busy or the link is slow. More in one
 * read is a paste sent as keys (a terminal without bracketed paste, tmux `send-keys`).
 */
export const TYPED_PER_READ_MAX = 3;

/**
 * Whether a typed name came as a person types it, from the printable characters each read of
 * the terminal carried while it was typed (reads of keys only, such as Backspace or Enter, left
 * out). A name of two or more characters must span at least two reads, and no single read may
 * have carried as many characters as the name has: such a read held the name whole (a paste, or
 * typing sent ahead), whatever was deleted, added or trimmed around it (`aks` then `x` and
 * Backspace, ` ` then `aks`). A person types a key or two per read; a name typed so fast that it
 * lands that way is simply typed again. Only names of `TYPED_PER_READ_MAX` characters or fewer
 * depend on this, as a longer read is refused as a paste anyway. A one-character name cannot be
 * told from typing and is taken.
 */
export function typedOverReads(name: string, reads: readonly number[]): boolean {
  const length = [...name].length;
  return length < 2 || (reads.length >= 2 && Math.max(...reads) < length);
}
