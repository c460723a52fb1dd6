import type { DrainFacts } from '../../checks/drain/findings.js';
import type { ClusterWatches } from '../../kube/cluster-watches.js';
import type { WatchedKindName } from '../../kube/watch-kinds.js';
import type { WatchHealth } from '../../model/watch-health.js';
import type { StepAction } from '../lifecycle/definition.js';
import { notFollowing, type NotFollowing } from '../lifecycle/not-following.js';
import type { StepSession } from '../lifecycle/step-session.js';
import type { DrainState } from './state.js';

type Session = StepSession<DrainFacts, DrainState>;

/** The kinds the node table and its previews follow. */
const FOLLOWED: readonly WatchedKindName[] = ['nodes', 'pods', 'pdbs'];

/** The key that reads the table again and starts refused watches again. */
export const READ_AGAIN_KEY = 'l';

/** How each followed kind's watch stands, per session of the step. */
const healthOf = new WeakMap<Session, Map<WatchedKindName, WatchHealth>>();
/** The summary lines the table's not following last added (replaced when that changes). */
const saidOf = new WeakMap<Session, readonly string[]>();

/**
 * Follows how the watches the table relies on stand: when one is refused (or keeps failing), the
 * table says it no longer follows the cluster, since when it stands still and what to do.
 */
export function followHealth(s: Session, watches: ClusterWatches, signal: AbortSignal): void {
  const health = new Map<WatchedKindName, WatchHealth>();
  healthOf.set(s, health);
  for (const kind of FOLLOWED) {
    watches.health(
      kind,
      (h) => {
        health.set(kind, h);
        // Told during the first look's `seen` (the watches start there): that look shows it.
        if (s.facts !== undefined) showFollowing(s);
      },
      signal,
    );
  }
}

/** What the table's state says of following now (after a look: `readAt` is now). */
export function followingNow(s: Session, readAt: number): NotFollowing | undefined {
  const health = healthOf.get(s);
  return health ? notFollowing([...health.values()], readAt, READ_AGAIN_KEY) : undefined;
}

/**
 * `summary` with the lines saying the table no longer follows (`following`) in place of those
 * said before: the step's report and transcript say it too, not only the table.
 */
export function summaryWith(
  s: Session,
  summary: readonly string[],
  following: NotFollowing | undefined,
): string[] {
  const before = saidOf.get(s) ?? [];
  const lines = following?.lines ?? [];
  saidOf.set(s, lines);
  return [...summary.filter((l) => !before.includes(l)), ...lines];
}

/** A watch's standing changed between looks: the table and the summary say so at once. */
function showFollowing(s: Session): void {
  const following = followingNow(s, s.state.readAt ?? Date.now());
  if (JSON.stringify(following) === JSON.stringify(s.state.following)) return;
  s.set({ following });
  s.ctx.show({ summary: summaryWith(s, s.ctx.view().summary ?? [], following) });
}

/**
 * While the table does not follow: `l` reads it again, and starts refused watches again (rights
 * or credentials may have been mended meanwhile).
 */
export function readAgainAction(s: Session): Array<StepAction<DrainFacts, DrainState>> {
  if (!s.state.following) return [];
  return [
    {
      key: READ_AGAIN_KEY,
      label: 'Read the nodes again, and try to follow the cluster again',
      looksAgain: true,
      run: (run) => {
        run.ctx.watches?.retryRefused();
        return run.look();
      },
    },
  ];
}

/**
 * Before a change is planned on what the table shows: when the table no longer follows the
 * cluster, it is read again first, so the confirmation is built on the cluster now and not on
 * a table that stood still. A failed read marks the step stale and the change is not started.
 */
export async function currentFirst(s: Session): Promise<void> {
  if (s.state.following) await s.look();
}
