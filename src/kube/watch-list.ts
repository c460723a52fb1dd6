import { Watch, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import type { WatchHealth } from '../model/watch-health.js';
import { watchFailureOf } from './watch-failure.js';

/** Backoff between watch restarts (ms): from `min`, doubling, never above `max`. */
export interface WatchBackoff {
  min: number;
  max: number;
}

const BACKOFF: WatchBackoff = { min: 250, max: 30_000 };

/**
 * How a watch is kept from standing still. The API server ends each watch after the
 * `timeoutSeconds` it was asked for (a clean end: watched again from the last resourceVersion);
 * on this side, a watch from which nothing (no event, no bookmark) arrives for `silenceMs` is
 * taken as lost (a proxy may idle a stream it still holds open): it is told, the kind is listed
 * again and watched again.
 */
export interface WatchTiming {
  backoff: WatchBackoff;
  /**
   * The silence bound (ms), also the bound on the watch's answer. Above the API server's bookmark
   * period (about a minute) so a quiet, healthy watch is not taken as lost.
   */
  silenceMs: number;
  /** The server-side `timeoutSeconds` of each watch; absent: 5 to 10 minutes, drawn per watch. */
  timeoutSeconds?: number;
}

/** The defaults (README "Views follow the cluster"). */
export const DEFAULT_WATCH_TIMING: WatchTiming = { backoff: BACKOFF, silenceMs: 150_000 };

/** The server-side end of one watch: as client-go's reflector, 5 to 10 minutes, spread. */
function serverTimeoutSeconds(timing: WatchTiming): number {
  return timing.timeoutSeconds ?? Math.floor(300 * (1 + Math.random()));
}

/** The end of a watch that answered and then went silent past the bound. */
class WatchSilent extends Error {}

/** A resource the session follows: where it is listed and watched, cluster-wide. */
export interface WatchedKind {
  /** What it is, plural, in the operator's words (`nodes`, `PodDisruptionBudgets`). */
  what: string;
  /** The collection's path, e.g. `/api/v1/pods`. */
  path: string;
  /** The collection's resourceVersion now (a list of one item: only the version is wanted). */
  version: (kc: KubeConfig) => Promise<string | undefined>;
}

/** One change of a followed object, as the watch tells it ('LISTED' after a list again). */
export interface WatchChange {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'LISTED';
  object?: KubernetesObject;
}

/** An in-stream ERROR event's object: a Status. */
interface StatusObject {
  kind?: string;
  code?: number;
}

/**
 * Follows one kind of object across the cluster: a list for the resourceVersion, then a watch
 * from it (bookmarks asked for, a server-side `timeoutSeconds`), resumed from the last version
 * seen when it ends; a 410 Gone (version too old) lists again, which is told as 'LISTED' (changes
 * may have been missed). A watch silent past `timing.silenceMs` is told to `health` as 'lost',
 * listed again ('LISTED') and watched again; it is told live again only once the new watch
 * delivers something (an event or a bookmark), so a stream that stalls again is never called
 * live. Failures a retry may mend (network, 408, 429, 5xx) restart it after a bounded backoff
 * and are told as 'retrying'; a final answer (401, 403, 404...: `watchStatusFinal`) ends it and
 * is told as 'refused' — nothing is retried in silence. Runs until `signal` aborts or a refusal.
 */
export function watchList(
  kc: KubeConfig,
  kind: WatchedKind,
  changed: (change: WatchChange) => void,
  signal: AbortSignal,
  timing: Partial<WatchTiming> = {},
  health: (health: WatchHealth) => void = () => undefined,
): void {
  const t: WatchTiming = { ...DEFAULT_WATCH_TIMING, ...timing };
  const { backoff } = t;
  void (async () => {
    let version: string | undefined;
    let delay = backoff.min;
    // The caller has just read the objects: only a later list (after 410 Gone) is news.
    let first = true;
    let failing: { failures: number; since: number } | undefined;
    // Told once it first answers, and again after failures: a watch started again after a
    // refusal says it is live only when it is.
    let toldLive = false;
    // After a watch went silent: live only once a new watch delivers something.
    let silent = false;
    const live = (): void => {
      if (silent || (toldLive && !failing)) return;
      failing = undefined;
      toldLive = true;
      health({ state: 'live' });
    };
    while (!signal.aborted) {
      let doing = `listing ${kind.what}`;
      try {
        if (version === undefined) {
          version = await kind.version(kc);
          if (!first) changed({ type: 'LISTED' });
          first = false;
        }
        doing = `watching ${kind.what}`;
        await new Promise<void>((resolve, reject) => {
          let ended = false;
          let answered = false;
          // An in-stream Status other than 410 ends this watch as its code says (after the stream).
          let streamError: Error | undefined;
          const watch = new Watch(kc);
          // The library's inactivity bound (on the answer, then reset by every chunk; 30 s by
          // default, under the API server's minute between bookmarks) is the silence bound. It
          // has no setter: the field is private in the typings only (client-node 1.x).
          (watch as unknown as { requestTimeoutMs: number }).requestTimeoutMs = t.silenceMs;
          void watch
            .watch(
              kind.path,
              {
                resourceVersion: version,
                allowWatchBookmarks: true,
                timeoutSeconds: serverTimeoutSeconds(t),
              },
              (type: string, obj: KubernetesObject & StatusObject) => {
                if (type === 'ERROR') {
                  if (obj.code === 410) version = undefined;
                  else {
                    const code = obj.code ?? 500;
                    streamError = Object.assign(new Error(`Status ${code}`), { statusCode: code });
                  }
                  return;
                }
                if (silent) {
                  silent = false;
                  live();
                }
                version = obj.metadata?.resourceVersion ?? version;
                delay = backoff.min;
                if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED')
                  changed({ type, object: obj });
              },
              (error: Error | null) => {
                ended = true;
                if (error && answered && error.name === 'TimeoutError') reject(new WatchSilent());
                else if (error) reject(error);
                else if (streamError) reject(streamError);
                else resolve();
              },
            )
            .then((request) => {
              // Answered 200 and streaming (a refused watch has ended before this).
              if (!ended) {
                answered = true;
                live();
              }
              if (signal.aborted) request.abort();
              else signal.addEventListener('abort', () => request.abort(), { once: true });
            }, reject);
        });
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof WatchSilent) {
          // Changes may have passed unseen: listed again (told 'LISTED'), then watched again.
          version = undefined;
          silent = true;
          toldLive = false;
          health({ state: 'lost', doing, silentMs: t.silenceMs, at: Date.now() });
          continue;
        }
        const failure = watchFailureOf(error);
        if (failure.relist) version = undefined;
        if (failure.final) {
          const { words, kind: errorKind } = failure;
          return health({ state: 'refused', doing, words, kind: errorKind, at: Date.now() });
        }
        // A version too old is routine (the list again mends it): not a failure to tell.
        if (!failure.relist) {
          failing = { failures: (failing?.failures ?? 0) + 1, since: failing?.since ?? Date.now() };
          toldLive = false;
          health({ state: 'retrying', doing, words: failure.words, ...failing });
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(backoff.max, delay * 2);
      }
    }
  })();
}
