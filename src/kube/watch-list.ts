import { Watch, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';

/** Backoff between watch restarts (ms): from `min`, doubling, never above `max`. */
export interface WatchBackoff {
  min: number;
  max: number;
}

const BACKOFF: WatchBackoff = { min: 250, max: 30_000 };

/** A resource the session follows: where it is listed and watched, cluster-wide. */
export interface WatchedKind {
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

/**
 * Follows one kind of object across the cluster: a list for the resourceVersion, then a watch
 * from it (bookmarks asked for), resumed from the last version seen when it ends; a 410 Gone
 * (version too old) lists again, which is told as 'LISTED' (changes may have been missed).
 * Failures restart it after a bounded backoff. Runs until `signal` aborts.
 */
export function watchList(
  kc: KubeConfig,
  kind: WatchedKind,
  changed: (change: WatchChange) => void,
  signal: AbortSignal,
  backoff: WatchBackoff = BACKOFF,
): void {
  void (async () => {
    let version: string | undefined;
    let delay = backoff.min;
    // The caller has just read the objects: only a later list (after 410 Gone) is news.
    let first = true;
    while (!signal.aborted) {
      try {
        if (version === undefined) {
          version = await kind.version(kc);
          if (!first) changed({ type: 'LISTED' });
          first = false;
        }
        await new Promise<void>((resolve, reject) => {
          void new Watch(kc)
            .watch(
              kind.path,
              { resourceVersion: version, allowWatchBookmarks: true },
              (type: string, obj: KubernetesObject & { code?: number }) => {
                if (type === 'ERROR') {
                  if (obj.code === 410) version = undefined;
                  return;
                }
                version = obj.metadata?.resourceVersion ?? version;
                delay = backoff.min;
                if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED')
                  changed({ type, object: obj });
              },
              (error: unknown) => (error ? reject(error as Error) : resolve()),
            )
            .then((request) => {
              if (signal.aborted) request.abort();
              else signal.addEventListener('abort', () => request.abort(), { once: true });
            }, reject);
        });
      } catch (error) {
        if ((error as { code?: number; statusCode?: number }).statusCode === 410)
          version = undefined;
        if (signal.aborted) return;
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(backoff.max, delay * 2);
      }
    }
  })();
}
