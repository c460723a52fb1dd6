import { readArmCluster } from '../azure/cluster.js';
import type { ClusterWatches } from '../kube/cluster-watches.js';
import { listAllNodes } from '../kube/nodes.js';
import { readServerVersion } from '../kube/version.js';
import type { Connection } from '../model/connection.js';
import type { WatchHealth } from '../model/watch-health.js';
import { RETRYING_SHOWN_AFTER } from '../steps/lifecycle/not-following.js';
import { summarizeCluster } from '../target/summarize-cluster.js';
import type { SessionStore } from './session.js';

/** How long node changes are gathered before the card is read again (ms). */
const SETTLE_MS = 300;

/**
 * Keeps the cluster card true: its nodes follow the session's node watch; the whole of it (ARM's
 * versions, pools and switches, the API server's version, the nodes) is read again when asked
 * (after each change, on `r`, when an Azure operation ends). One read at a time; asks made
 * during a read are answered by one more read after it.
 */
export class CardFollower {
  private reading: Promise<void> | undefined;
  private queued: { arm: boolean } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private pause = SETTLE_MS;
  /** The card's warning that its nodes are not followed live, while it is shown. */
  private notFollowing: string | undefined;

  constructor(
    private readonly store: SessionStore,
    private readonly connection: Connection,
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => clearTimeout(this.timer), { once: true });
  }

  /** Follows node changes made anywhere (ready, added, removed) on the card. */
  follow(watches: ClusterWatches): void {
    watches.on(
      'nodes',
      () => {
        this.timer ??= setTimeout(() => {
          this.timer = undefined;
          void this.refresh({ arm: false });
        }, this.pause);
      },
      this.signal,
    );
    watches.health('nodes', (health) => this.followed(health), this.signal);
  }

  /** The node watch changed how it stands: the card says when its nodes are not followed. */
  private followed(health: WatchHealth): void {
    const line = cardWarning(health);
    if (line === this.notFollowing) return;
    const state = this.store.getState().connection;
    const before = this.notFollowing;
    this.notFollowing = line;
    if (state.phase !== 'connected') return;
    const warnings = [
      ...(state.cluster.warnings ?? []).filter((w) => w !== before),
      ...(line === undefined ? [] : [line]),
    ];
    const { warnings: _dropped, ...card } = state.cluster;
    this.store.update({
      connection: { ...state, cluster: warnings.length > 0 ? { ...card, warnings } : card },
    });
  }

  /** Reads the card's facts again (ARM's too unless `arm: false`); never fails. */
  refresh(what: { arm: boolean } = { arm: true }): Promise<void> {
    if (this.signal.aborted) return Promise.resolve();
    if (this.reading) {
      this.queued = { arm: (this.queued?.arm ?? false) || what.arm };
      return this.reading;
    }
    const started = Date.now();
    this.reading = this.read(what.arm)
      .catch(() => undefined) // the card keeps what it showed; the steps say what failed
      .finally(() => {
        this.reading = undefined;
        // A slow read (a large cluster) is not repeated back to back.
        this.pause = Math.max(SETTLE_MS, 2 * (Date.now() - started));
        const next = this.queued;
        this.queued = undefined;
        if (next) void this.refresh(next);
      });
    return this.reading;
  }

  private async read(withArm: boolean): Promise<void> {
    const { connection } = this;
    const arm = connection.arm;
    const [serverVersion, nodes, armFacts] = await Promise.all([
      readServerVersion(connection.kc),
      listAllNodes(connection.kc),
      arm && withArm ? readArmCluster(arm.client, arm.at) : undefined,
    ]);
    if (this.signal.aborted) return;
    if (arm && armFacts) arm.facts = armFacts;
    const state = this.store.getState().connection;
    if (state.phase !== 'connected') return;
    const card = summarizeCluster({
      arm: arm && { cluster: arm.facts.cluster, pools: arm.facts.pools, at: arm.at },
      serverVersion,
      nodes,
      kubeServer: connection.kubeServer,
      contextName: state.cluster.name,
    });
    if (state.cluster.warnings) card.warnings = state.cluster.warnings;
    this.store.update({ connection: { ...state, cluster: card } });
  }
}

/** The card's line when its node counts no longer follow the cluster; undefined while they do. */
export function cardWarning(health: WatchHealth): string | undefined {
  if (health.state === 'refused')
    return `Nodes not followed live: ${health.doing} was refused (${health.words}); r reads again`;
  if (health.state === 'lost')
    return `Nodes not followed live: ${health.doing} sent nothing for ${Math.round(health.silentMs / 1000)} s (watch lost); reading again`;
  if (health.state === 'retrying' && health.failures >= RETRYING_SHOWN_AFTER)
    return `Nodes not followed live: ${health.doing} failed (${health.words}); trying again`;
  return undefined;
}
