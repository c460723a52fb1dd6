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
 * as keys), and so was one that did not come over reads as typing does (`typedOverReads`, on the
 * answer as callers read it, trimmed: a read that held as many characters as that was the name
 * whole, whatever was edited around it). Enter may share a read with the last character (a slow
 * link bunches them) once the answer came over two reads or more; a one-character answer's
 * Enter must come in a read of its own. Any refused answer answers nothing, is said so, and the
 * answer is empty (a confirmation reads that as cancel); so is Ctrl+D, Ctrl+C or the input's end.
 */
export async function askLine(question: string, streams: AskStreams): Promise<string> {
  const now = streams.now ?? (() => performance.now());
  const guardMs = streams.guardMs ?? ANSWER_GUARD_MS;
  const rl = createInterface({ input: streams.input, output: streams.output });
  let firstRead: number | undefined;
  let pasted = false;
  // How many printable characters each read carried (deleted or trimmed ones too), and whether
  // one carried Enter with them.
  const textReads: number[] = [];
  let enterWithText = false;
  const onRead = (chunk: Buffer | string): void => {
    firstRead ??= now();
    const read = chunk.toString();
    const printable = printableCount(read);
    if (printable > TYPED_PER_READ_MAX) pasted = true;
    if (printable === 0) return;
    textReads.push(printable);
    if (/[\r\n]/.test(read)) enterWithText = true;
  };
  streams.input.on('data', onRead);
  try {
    const asked = now();
    // Ctrl+D, Ctrl+C or the input's end close the question unanswered: a cancel, said by the
    // caller ("nothing was changed"), never an error (readline rejects, or waits for ever).
    const closed = new Promise<undefined>((resolve) => rl.once('close', () => resolve(undefined)));
    rl.once('SIGINT', () => rl.close());
    const answer = await Promise.race([rl.question(question).catch(() => undefined), closed]);
    if (answer === undefined) {
      streams.output.write('\n');
      return '';
    }
    const typedAhead = now() - asked < guardMs || (firstRead ?? asked) - asked < guardMs;
    const oneRead =
      !pasted &&
      ((enterWithText && textReads.length < 2) || !typedOverReads(answer.trim(), textReads));
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
