import type { KeyBus } from './key-bus.js';

/** The parts of stdin the app uses: a TTY in raw mode, read as text. */
export interface RawInput {
  setRawMode(on: boolean): unknown;
  setEncoding(encoding: BufferEncoding): unknown;
  on(event: 'data', listener: (chunk: string | Buffer) => void): unknown;
  off(event: 'data', listener: (chunk: string | Buffer) => void): unknown;
  resume?(): unknown;
  pause?(): unknown;
  ref?(): unknown;
  unref?(): unknown;
}

/** Bracketed paste: the terminal marks pasted text, so a paste is never taken for typed keys. */
const PASTE_ON = '\u001b[?2004h';
const PASTE_OFF = '\u001b[?2004l';

/**
 * Reads the terminal into `bus`: raw mode, text encoding, bracketed paste on. The returned
 * function undoes all three; it also runs when the process exits any other way (a crash, a
 * signal), so the shell is never left in raw mode or with bracketed paste on.
 */
export function attachTerminal(
  stdin: RawInput,
  stdout: { isTTY?: boolean; write(text: string): unknown },
  bus: KeyBus,
): () => void {
  const onData = (chunk: string | Buffer) => bus.receive(String(chunk));
  stdin.setEncoding('utf8');
  stdin.setRawMode(true);
  stdin.on('data', onData);
  stdin.ref?.();
  stdin.resume?.();
  if (stdout.isTTY) stdout.write(PASTE_ON);
  let attached = true;
  const restore = () => {
    if (!attached) return;
    attached = false;
    process.off('exit', restore);
    bus.close();
    stdin.off('data', onData);
    try {
      if (stdout.isTTY) stdout.write(PASTE_OFF);
      stdin.setRawMode(false);
    } catch {
      // The terminal is already gone (hang-up): nothing left to restore.
    }
    stdin.pause?.();
    stdin.unref?.();
  };
  process.on('exit', restore);
  return restore;
}
