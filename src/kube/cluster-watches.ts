import type { KubeConfig } from '@kubernetes/client-node';
import type { WatchHealth, WatchHealthListener } from '../model/watch-health.js';
import { WATCHED_KINDS, type WatchedKindName } from './watch-kinds.js';
import { watchList, type WatchChange, type WatchTiming } from './watch-list.js';

/** Told of each change of a followed kind. */
export type WatchListener = (change: WatchChange) => void;

/** One followed kind: who listens, and how its watch stands. */
interface Followed {
  listeners: Set<WatchListener>;
  watchers: Set<WatchHealthListener>;
  health: WatchHealth;
  /** Its watch runs (it ends only when refused, or with the session). */
  running: boolean;
}

const LIVE: WatchHealth = { state: 'live' };

/**
 * The session's watches: one per kind (nodes, pods, PodDisruptionBudgets) however many steps and
 * views follow it, started when the first one asks and ended with the session. A listener is
 * removed when the signal it came with aborts. How each watch stands (live, retrying, refused)
 * is told to whoever follows that kind (`health`): a view that stopped following, or whose watch
 * went silent and is read again, says so.
 */
export class ClusterWatches {
  private readonly followed = new Map<WatchedKindName, Followed>();
  private readonly closing = new AbortController();

  constructor(
    private readonly kc: KubeConfig,
    /** The watches' backoff and bounds (tests shorten them); absent: the defaults. */
    private readonly timing: Partial<WatchTiming> = {},
  ) {}

  /** Calls `listener` on every change of `kind` anywhere in the cluster, until `signal` aborts. */
  on(kind: WatchedKindName, listener: WatchListener, signal?: AbortSignal): void {
    if (this.closing.signal.aborted || signal?.aborted) return;
    const f = this.follow(kind);
    f.listeners.add(listener);
    signal?.addEventListener('abort', () => f.listeners.delete(listener), { once: true });
  }

  /**
   * Calls `listener` with how the watch of `kind` stands now, then on every change of it, until
   * `signal` aborts. Starts the watch if none runs.
   */
  health(kind: WatchedKindName, listener: WatchHealthListener, signal?: AbortSignal): void {
    if (this.closing.signal.aborted || signal?.aborted) return;
    const f = this.follow(kind);
    f.watchers.add(listener);
    signal?.addEventListener('abort', () => f.watchers.delete(listener), { once: true });
    listener(f.health);
  }

  /**
   * Starts again the watches that were refused (the operator asked to read again: rights or
   * credentials may have changed). Returns how many were started; a refusal again is told again.
   */
  retryRefused(): number {
    if (this.closing.signal.aborted) return 0;
    let started = 0;
    for (const [kind, f] of this.followed) {
      if (f.running) continue;
      // Still refused until the new watch answers: live, or refused again (told again).
      this.start(kind, f);
      started++;
    }
    return started;
  }

  /** How many watches run (one per kind followed). */
  get running(): number {
    if (this.closing.signal.aborted) return 0;
    return [...this.followed.values()].filter((f) => f.running).length;
  }

  /** Ends every watch (the session ends). */
  close(): void {
    this.closing.abort();
    this.followed.clear();
  }

  private follow(kind: WatchedKindName): Followed {
    let f = this.followed.get(kind);
    if (!f) {
      f = { listeners: new Set(), watchers: new Set(), health: LIVE, running: false };
      this.followed.set(kind, f);
      this.start(kind, f);
    }
    return f;
  }

  private start(kind: WatchedKindName, f: Followed): void {
    const tell = (change: WatchChange): void => {
      for (const l of [...f.listeners]) l(change);
    };
    const told = (health: WatchHealth): void => {
      if (health.state === 'refused') f.running = false;
      this.tellHealth(f, health);
    };
    f.running = true;
    watchList(this.kc, WATCHED_KINDS[kind], tell, this.closing.signal, this.timing, told);
  }

  private tellHealth(f: Followed, health: WatchHealth): void {
    if (health.state === 'live' && f.health.state === 'live') return;
    f.health = health;
    for (const l of [...f.watchers]) l(health);
  }
}
