import { constants } from 'node:os';

/** The signals that end an interactive session: Ctrl+C from outside raw mode, kill, hang-up. */
const ENDING: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The first ending signal, caught so the session can close its journal before the process ends. */
export interface FirstSignal {
  /** Resolves with the first signal received. */
  received: Promise<NodeJS.Signals>;
  /** The signal received so far, if any. */
  current(): NodeJS.Signals | undefined;
  /** Stops catching: a later signal gets its default action again. */
  dispose(): void;
}

/**
 * Catches SIGINT, SIGTERM and SIGHUP until `dispose`. The first one resolves `received`; a second
 * one ends the process at once, should closing hang. (The handlers stay until then: without them,
 * Ink's exit hook would re-raise the signal and kill the process before the journal is closed.)
 * On SIGHUP the terminal is gone, so failed writes to it are ignored rather than crash the close.
 */
export function catchFirstSignal(): FirstSignal {
  let got: NodeJS.Signals | undefined;
  let resolve: (signal: NodeJS.Signals) => void = () => undefined;
  const received = new Promise<NodeJS.Signals>((r) => (resolve = r));
  const dispose = (): void => {
    for (const s of ENDING) process.off(s, on);
  };
  function on(signal: NodeJS.Signals): void {
    if (got) process.exit(signalExitCode(signal));
    got = signal;
    if (signal === 'SIGHUP') {
      for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
    }
    resolve(signal);
  }
  for (const s of ENDING) process.on(s, on);
  return { received, current: () => got, dispose };
}

/** The conventional exit code of a process ended by `signal`: 128 + its number. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}
