import { FaultError, KIND_ADVICE } from '../model/errors.js';

/**
 * The fault of a list whose `continue` token comes back a second time: each token names a new
 * position, so a repeat would have the reader ask the same pages forever, counting them again.
 */
export function repeatedTokenFault(): FaultError {
  return new FaultError(
    'server-error',
    `the API server (or a proxy) handed back a list continue token it had already given, so the list would never end; ${KIND_ADVICE['server-error']}`,
  );
}
