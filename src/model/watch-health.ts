import type { ErrorKind } from './errors.js';

/**
 * How the watch of one followed kind stands: live; failing and tried again (the network, the
 * server); lost (it answered, then nothing came for too long: read again and watched again); or
 * refused for good (rights, credentials, an API not served), which no retry mends.
 */
export type WatchHealth =
  | { state: 'live' }
  | {
      state: 'retrying';
      /** What failed: `watching pods`, `listing pods`. */
      doing: string;
      /** The last answer in a few words: `503 Service Unavailable`, `fetch failed (ECONNRESET)`. */
      words: string;
      /** Failures in a row since it was last live. */
      failures: number;
      /** When the first of them happened (ms since the epoch). */
      since: number;
    }
  | {
      state: 'lost';
      /** What went silent: `watching pods`. */
      doing: string;
      /** How long nothing (no event, no bookmark) arrived before it was given up (ms). */
      silentMs: number;
      /** When it was given up (ms since the epoch). */
      at: number;
    }
  | {
      state: 'refused';
      /** What was refused: `watching nodes`, `listing nodes`. */
      doing: string;
      /** The answer in a few words: `403 Forbidden`. */
      words: string;
      kind: ErrorKind;
      /** When it was refused (ms since the epoch). */
      at: number;
    };

/** Told each time a followed kind's watch changes how it stands. */
export type WatchHealthListener = (health: WatchHealth) => void;
