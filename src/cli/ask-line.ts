import { createInterface } from 'node:readline/promises';

/** How soon after a question is shown an answer counts as typed ahead (the TUI's guard time). */
export const ASK_GUARD_MS = 250;

/** Where a question is asked, and the clock its guard reads (tests give their own). */
export interface AskStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  now?: () => number;
  guardMs?: number;
}

/**
 * Asks one line. An answer that arrives sooner than the guard time after the question was
 * shown was typed (or pasted) before it appeared, so it answers nothing: it is set aside, said
 * so, and the answer is empty (a confirmation reads that as cancel).
 */
export async function askLine(question: string, streams: AskStreams): Promise<string> {
  const now = streams.now ?? (() => performance.now());
  const guardMs = streams.guardMs ?? ASK_GUARD_MS;
  const rl = createInterface({ input: streams.input, output: streams.output });
  try {
    const asked = now();
    const answer = await rl.question(question);
    if (now() - asked >= guardMs) return answer;
    streams.output.write('That was typed before the question appeared: it does not count.\n');
    return '';
  } finally {
    rl.close();
  }
}
