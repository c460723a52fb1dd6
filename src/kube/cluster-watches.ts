import type { KubeConfig } from '@kubernetes/client-node';
import { WATCHED_KINDS, type WatchedKindName } from './watch-kinds.js';
import { watchList, type WatchBackoff, type WatchChange } from './watch-list.js';

/** Told of each change of a followed kind. */
export type WatchListener = (change: WatchChange) => void;

/**
 * The session's watches: one per kind (nodes, pods, PodDisruptionBudgets) however many steps and
 * views follow it, started when the first one asks and ended with the session. A listener is
 * removed when the signal it came with aborts.
 */
export class ClusterWatches {
  private readonly listeners = new Map<WatchedKindName, Set<WatchListener>>();
  private readonly closing = new AbortController();

  constructor(
    private readonly kc: KubeConfig,
    private readonly backoff?: WatchBackoff,
  ) {}

  /** Calls `listener` on every change of `kind` anywhere in the cluster, until `signal` aborts. */
  on(kind: WatchedKindName, listener: WatchListener, signal?: AbortSignal): void {
    if (this.closing.signal.aborted || signal?.aborted) return;
    let set = this.listeners.get(kind);
    if (!set) {
      set = new Set();
      this.listeners.set(kind, set);
      const all = set;
      const tell = (change: WatchChange): void => {
        for (const l of [...all]) l(change);
      };
      watchList(this.kc, WATCHED_KINDS[kind], tell, this.closing.signal, this.backoff);
    }
    set.add(listener);
    signal?.addEventListener('abort', () => set.delete(listener), { once: true });
  }

  /** How many watches run (one per kind followed). */
  get running(): number {
    return this.closing.signal.aborted ? 0 : this.listeners.size;
  }

  /** Ends every watch (the session ends). */
  close(): void {
    this.closing.abort();
    this.listeners.clear();
  }
}
