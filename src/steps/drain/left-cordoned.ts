import type { DrainFacts } from '../../checks/drain/findings.js';
import { mayStillLand } from '../../model/errors.js';
import type { DrainState } from './state.js';

/**
 * How long after it was sent a write that got no answer in time may still be applied: the API
 * server's own request timeout (kube-apiserver `--request-timeout`, 1 minute by default) runs on
 * after the client's gives up. A look after that showing the cordon not in effect settles it.
 */
export const LATE_WRITE_MS = 60_000;

/**
 * From when (epoch ms) a look showing the node schedulable proves a cordon of unknown outcome did
 * not land: at once for one whose answer was lost (processed or not, it cannot land later), after
 * `LATE_WRITE_MS` for one the API server may still be working on.
 */
export function cordonSettlesAt(error: unknown, sentAt: number): number {
  return mayStillLand(error) ? sentAt + LATE_WRITE_MS : sentAt;
}

/**
 * The nodes to offer for uncordon after a look, and the cordons of unknown outcome still
 * followed. Such a node follows what the look shows: offered while it shows cordoned (a late
 * cordon may have landed), left out while schedulable; once a look from its settling time on
 * shows it schedulable our cordon did not land, and it is forgotten, so a cordon someone else
 * makes later is never offered as ours. Other nodes stay as they were.
 */
export function settledCordons(
  state: Pick<DrainState, 'leftCordoned' | 'maybeCordoned'>,
  facts: Pick<DrainFacts, 'nodes'>,
  now: number,
): { leftCordoned: string[]; maybeCordoned: Record<string, number> } {
  const maybe = state.maybeCordoned ?? {};
  const seen = new Map(facts.nodes.map((n) => [n.name, n.schedulable]));
  const followed: Record<string, number> = {};
  for (const [node, settlesAt] of Object.entries(maybe)) {
    const schedulable = seen.get(node);
    // Gone from the cluster, or seen schedulable once it could no longer land: forgotten.
    if (schedulable === undefined || (schedulable && now >= settlesAt)) continue;
    followed[node] = settlesAt;
  }
  const kept = state.leftCordoned.filter((n) => !(n in maybe && seen.get(n) === true));
  const landed = Object.keys(followed).filter((n) => seen.get(n) === false);
  return { leftCordoned: [...new Set([...kept, ...landed])], maybeCordoned: followed };
}
