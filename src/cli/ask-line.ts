import { createInterface } from 'node:readline/promises';
import { ANSWER_GUARD_MS, TYPED_PER_READ_MAX, typedOverReads } from '../model/typed-answer.js';

/** Where a question is asked, and the clock its guard reads (tests give their own). */
export interface AskStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  now?: () => number;
  guardMs?: number;
}

const TYPED_AHEAD =
  'That was typed before the question appeared: it does not count. Type the name by hand after the question.\n';
const PASTED = 'That was pasted, not typed: it does not count. Type the name by hand.\n';
const ONE_READ =
  'That came all at once (the name whole, or with its Enter), as a paste does: it does not count. Type the name key by key, then Enter.\n';

/**
 * Asks one line, to be typed by hand after the question appeared. An answer whose first
 * keys arrived sooner than the guard time after the question was shown was typed ahead (the
 * terminal kept it and readline shows it as if typed now); one with a read holding more than
 * `TYPED_PER_READ_MAX` printable characters was pasted (without bracketed paste a paste arrives
 * as keys), and so was one of two or more characters that came in one read (`typedOverReads`),
 * or whose Enter came in the same read as a character of it (a short name and its Enter pasted
 * together). Any of these answers nothing, is said so, and the answer is empty (a confirmation
 * reads that as cancel).
 */
export async function askLine(question: string, streams: AskStreams): Promise<string> {
  const now = streams.now ?? (() => performance.now());
  const guardMs = streams.guardMs ?? ANSWER_GUARD_MS;
  const rl = createInterface({ input: streams.input, output: streams.output });
  let firstRead: number | undefined;
  let pasted = false;
  // Reads that carried characters of the answer, and whether one carried its Enter with them.
  let textReads = 0;
  let enterWithText = false;
  const onRead = (chunk: Buffer | string): void => {
    firstRead ??= now();
    const read = chunk.toString();
    const printable = printableCount(read);
    if (printable > TYPED_PER_READ_MAX) pasted = true;
    if (printable === 0) return;
    textReads++;
    if (/[\r\n]/.test(read)) enterWithText = true;
  };
  streams.input.on('data', onRead);
  try {
    const asked = now();
    const answer = await rl.question(question);
    const typedAhead = now() - asked < guardMs || (firstRead ?? asked) - asked < guardMs;
    const oneRead = !pasted && (enterWithText || !typedOverReads(answer, textReads));
    if (typedAhead) streams.output.write(TYPED_AHEAD);
    else if (pasted) streams.output.write(PASTED);
    else if (oneRead) streams.output.write(ONE_READ);
    return typedAhead || pasted || oneRead ? '' : answer;
  } finally {
    streams.input.off('data', onRead);
    rl.close();
  }
}

/* eslint-disable no-control-regex -- terminal key sequences start with control characters */
/** Escape sequences a key sends (arrows, Home, Ctrl+arrows): keys, not typed characters. */
const KEY_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b[O\u001b]?.?/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** How many characters of one read would be typed text (key sequences and controls aside). */
function printableCount(read: string): number {
  return [...read.replace(KEY_SEQUENCE, '').replace(CONTROL, '')].length;
}
