import { signalExitCode } from './first-signal.js';

/** The signals that stop following: Ctrl+C, kill, the terminal hung up. */
const STOPPING: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** What a command returns when the operator stopped it following (Azure goes on): 128 + SIGINT. */
const STOPPED = signalExitCode('SIGINT');

/**
 * Runs `work` with a signal that Ctrl+C, SIGTERM or SIGHUP aborts: each stops following the same
 * way (the command says what is in flight, that it goes on in Azure, and how to follow again),
 * and the exit code is that signal's (130, 143, 129). On SIGHUP the terminal is gone: failed
 * writes to it are ignored. A second signal gets its default action.
 */
export async function interruptible<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const interrupt = new AbortController();
  let got: NodeJS.Signals | undefined;
  const on = (signal: NodeJS.Signals): void => {
    got = signal;
    if (signal === 'SIGHUP') {
      for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
    }
    for (const s of STOPPING) process.off(s, on);
    interrupt.abort();
  };
  for (const s of STOPPING) process.on(s, on);
  try {
    const result = await work(interrupt.signal);
    // The command said "stopped following" and returned Ctrl+C's code: the signal's own instead.
    if (got && result === STOPPED) return signalExitCode(got) as T;
    return result;
  } finally {
    for (const s of STOPPING) process.off(s, on);
  }
}
