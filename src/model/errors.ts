import { redactUrlPasswords } from './redact-url.js';

/**
 * An error the operator caused or can fix: printed as one line, never with a stack.
 * `exitCode` 2 means usage, connection or permission trouble (see the README).
 */
export class UserError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 2) {
    // A server URL may carry a password (https://user:pass@host): never in a line we print.
    super(redactUrlPasswords(message));
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

/** The message of anything thrown, for a one-line report (URL passwords redacted). */
export function messageOf(error: unknown): string {
  return redactUrlPasswords(error instanceof Error ? error.message : String(error));
}

/** The first line of a message, trimmed: what a one-line report shows of it. */
export function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/**
 * A request the wire guard refused to send: a write in `--read-only`, or an ARM write in
 * `--dry-run`. Whatever a step does, such a request never leaves the process.
 */
export class WireRefusal extends Error {
  constructor(mode: 'read-only' | 'dry-run', method: string, path: string) {
    super(`${method} ${path} was not sent: --${mode} refuses it`);
    this.name = 'WireRefusal';
  }
}
