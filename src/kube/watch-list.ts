import { Watch, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import type { WatchHealth } from '../model/watch-health.js';
import { watchFailureOf } from './watch-failure.js';

/** Backoff between watch restarts (ms): from `min`, doubling, never above `max`. */
export interface WatchBackoff {
  min: number;
  max: number;
}

const BACKOFF: WatchBackoff = { min: 250, max: 30_000 };

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
 * from it (bookmarks asked for), resumed from the last version seen when it ends; a 410 Gone
 * (version too old) lists again, which is told as 'LISTED' (changes may have been missed).
 * Failures a retry may mend (network, 408, 429, 5xx) restart it after a bounded backoff and are
 * told to `health` as 'retrying'; a final answer (401, 403, 404...: `watchStatusFinal`) ends it
 * and is told as 'refused' — nothing is retried in silence. Runs until `signal` aborts or a refusal.
 */
export function watchList(
  kc: KubeConfig,
  kind: WatchedKind,
  changed: (change: WatchChange) => void,
  signal: AbortSignal,
  backoff: WatchBackoff = BACKOFF,
  health: (health: WatchHealth) => void = () => undefined,
): void {
  void (async () => {
    let version: string | undefined;
    let delay = backoff.min;
    // The caller has just read the objects: only a later list (after 410 Gone) is news.
    let first = true;
    let failing: { failures: number; since: number } | undefined;
    // Told once it first answers, and again after failures: a watch started again after a
    // refusal says it is live only when it is.
    let toldLive = false;
    const live = (): void => {
      if (toldLive && !failing) return;
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
          // An in-stream Status other than 410 ends this watch as its code says (after the stream).
          let streamError: Error | undefined;
          void new Watch(kc)
            .watch(
              kind.path,
              { resourceVersion: version, allowWatchBookmarks: true },
              (type: string, obj: KubernetesObject & StatusObject) => {
                if (type === 'ERROR') {
                  if (obj.code === 410) version = undefined;
                  else {
                    const code = obj.code ?? 500;
                    streamError = Object.assign(new Error(`Status ${code}`), { statusCode: code });
                  }
                  return;
                }
                version = obj.metadata?.resourceVersion ?? version;
                delay = backoff.min;
                if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED')
                  changed({ type, object: obj });
              },
              (error: Error | null) => {
                ended = true;
                if (error) reject(error);
                else if (streamError) reject(streamError);
                else resolve();
              },
            )
            .then((request) => {
              // Answered 200 and streaming (a refused watch has ended before this).
              if (!ended) live();
              if (signal.aborted) request.abort();
              else signal.addEventListener('abort', () => request.abort(), { once: true });
            }, reject);
        });
      } catch (error) {
        if (signal.aborted) return;
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
