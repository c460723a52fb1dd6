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
 * Whether a typed name came as a person types it, from how many reads of the terminal carried its
 * characters: a name of two or more characters must span at least two reads. One read holding a
 * whole name is a paste (or typing sent ahead), however short the name (a node or cluster named
 * `aks` fits under `TYPED_PER_READ_MAX`); a person types one key per read, and a name typed so
 * fast that it all lands in one read is simply typed again. A one-character name cannot be told
 * from typing and is taken.
 */
export function typedOverReads(name: string, reads: number): boolean {
  return [...name].length < 2 || reads >= 2;
}
