import type { DrainFacts } from '../../checks/drain/findings.js';
import type { DrainState } from './state.js';

/**
 * The nodes to offer for uncordon after a look. A node whose cordon's outcome was unknown (in the
 * last drain's progress, or from a cordon action) follows
 * what the look shows: left out while schedulable (the cordon has not taken), offered again once
 * it shows cordoned (a late cordon landed after an earlier look). Other nodes stay as they were.
 */
export function settledCordons(
  state: Pick<DrainState, 'progress' | 'leftCordoned' | 'maybeCordoned'>,
  facts: Pick<DrainFacts, 'nodes'>,
): string[] {
  const maybe = new Set([
    ...(state.progress?.nodes ?? []).filter((n) => n.maybeCordoned).map((n) => n.name),
    ...(state.maybeCordoned ?? []),
  ]);
  const schedulable = new Set(facts.nodes.filter((n) => n.schedulable).map((n) => n.name));
  const kept = state.leftCordoned.filter((n) => !(maybe.has(n) && schedulable.has(n)));
  const landed = facts.nodes.filter((n) => maybe.has(n.name) && !n.schedulable).map((n) => n.name);
  return [...new Set([...kept, ...landed])];
}
