import { OutcomeUnknown, firstLine, stampKind } from '../model/errors.js';

/**
 * A write the API server answered 504 Gateway Timeout: its own time limit ran out while the
 * write was in its hands. apimachinery's `NewTimeoutError` (reason `Timeout`, code 504) says
 * "Clients may retry, but the operation may still complete": the handler is not stopped when
 * the answer goes, so the change may have been made, or may still be. Unknown, never failed.
 * (A 500 with reason `ServerTimeout` is not this: apimachinery's `NewServerTimeout` is "could
 * not be completed at this time, please try again", a transient failure to retry, so failed.)
 */
export class ServerTimedOut extends OutcomeUnknown {
  constructor(method: string, url: string, said: string | undefined) {
    const { origin, pathname } = new URL(url);
    const words = said ? `: ${said}` : '';
    super(
      `the API server at ${origin} answered 504 Timeout to ${method} ${pathname}${words}; its own time limit ran out while the change was in its hands, so it may or may not have taken effect (and may still); look at the object before doing it again`,
    );
    this.name = 'ServerTimedOut';
    stampKind(this, 'timeout');
  }
}

/** The Status message of a 504's body, one short line; undefined when there is none. */
export function timeoutMessageOf(body: string): string | undefined {
  let message: unknown;
  try {
    message = (JSON.parse(body) as { message?: unknown } | null)?.message;
  } catch {
    return undefined;
  }
  if (typeof message !== 'string' || message.trim() === '') return undefined;
  const line = firstLine(message);
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
