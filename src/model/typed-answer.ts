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
