import { CoreV1Api, Watch, type KubeConfig } from '@kubernetes/client-node';

/** Backoff between watch restarts (ms): from `min`, doubling, never above `max`. */
export interface WatchBackoff {
  min: number;
  max: number;
}

const BACKOFF: WatchBackoff = { min: 250, max: 30_000 };

/**
 * Follows the cluster's nodes: a list for the resourceVersion, then a watch from it (bookmarks
 * asked for), resumed from the last version seen when it ends; a 410 Gone (version too old)
 * lists again. Failures restart it after a bounded backoff. `changed` is called for every added,
 * modified or deleted node. Runs until `signal` aborts.
 */
export function watchNodes(
  kc: KubeConfig,
  changed: () => void,
  signal: AbortSignal,
  backoff: WatchBackoff = BACKOFF,
): void {
  void (async () => {
    let version: string | undefined;
    let delay = backoff.min;
    // The caller has just read the nodes: only a later list (after 410 Gone) is news.
    let first = true;
    while (!signal.aborted) {
      try {
        if (version === undefined) {
          const list = await kc.makeApiClient(CoreV1Api).listNode();
          version = list.metadata?.resourceVersion;
          if (!first) changed();
          first = false;
        }
        await new Promise<void>((resolve, reject) => {
          void new Watch(kc)
            .watch(
              '/api/v1/nodes',
              { resourceVersion: version, allowWatchBookmarks: true },
              (type: string, obj: { code?: number; metadata?: { resourceVersion?: string } }) => {
                if (type === 'ERROR') {
                  if (obj.code === 410) version = undefined;
                  return;
                }
                version = obj.metadata?.resourceVersion ?? version;
                delay = backoff.min;
                if (type !== 'BOOKMARK') changed();
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
