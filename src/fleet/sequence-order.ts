import { sequenceClusters, type SequencedCluster } from '../checks/fleet/sequence.js';
import { UserError } from '../model/errors.js';
import type { InventoryRow } from '../model/inventory.js';
import type { OpenSequence } from './sequence-journal.js';

/** The clusters of a sequence in order, how the order was chosen, and notes for the operator. */
export interface ChosenSequence {
  clusters: SequencedCluster[];
  how: string;
  notes: string[];
  /** Whether this is the journal's unfinished sequence, picked up again. */
  resumed: boolean;
}

/**
 * The order: an unfinished sequence's (from its journal) first, else the operator's `--clusters`,
 * else by tag (`sequenceClusters`). Clusters in a fleet are refused by name: Fleet Manager
 * upgrades them.
 */
export function chooseSequence(
  rows: readonly InventoryRow[],
  all: readonly InventoryRow[],
  request: { tag: string; order?: string[]; clusters?: string[] },
  open: OpenSequence | undefined,
): ChosenSequence {
  const tagOf = (r: InventoryRow): string => {
    const key = Object.keys(r.tags).find((k) => k.toLowerCase() === request.tag.toLowerCase());
    return key === undefined ? '' : (r.tags[key] ?? '');
  };
  // The operator's own order, when given: checked whatever else decides.
  const own = request.clusters ? ownOrder(request.clusters, all, tagOf) : undefined;
  if (open && own) {
    // Another --clusters is another sequence: never turned silently into the unfinished one.
    const same =
      own.length === open.order.length &&
      own.every((c, i) => c.row.id.toLowerCase() === open.order[i]!.toLowerCase());
    if (!same)
      throw new UserError(
        `an unfinished sequence of this change (begun ${open.began}) holds ${open.names.join(', ')}: run it without --clusters (or with the same ones) to pick it up, or add --new to start over with these`,
      );
  }
  if (open) {
    const notes: string[] = [];
    const clusters = open.order.flatMap((id, i) => {
      const row = all.find((r) => r.id.toLowerCase() === id.toLowerCase());
      if (!row)
        notes.push(
          `${open.names[i] ?? id} (in the journal's order) is no longer visible: left out.`,
        );
      return row ? [{ row, env: tagOf(row) }] : [];
    });
    // A journal naming none of the clusters now visible is another scope's: start afresh.
    if (clusters.length > 0)
      return {
        clusters,
        how: `in the order of the sequence begun ${open.began} (its journal; --new starts over)`,
        notes,
        resumed: true,
      };
  }
  if (own) return { clusters: own, how: 'in the order given', notes: [], resumed: false };
  return {
    clusters: sequenceClusters(rows, request.tag, request.order),
    how: `by tag ${request.tag}`,
    notes: [],
    resumed: false,
  };
}

/**
 * `--clusters` in order: names, GROUP/NAME or resource ids, each naming exactly one visible
 * cluster outside any fleet, none twice.
 */
function ownOrder(
  wanted: readonly string[],
  all: readonly InventoryRow[],
  tagOf: (r: InventoryRow) => string,
): SequencedCluster[] {
  const clusters = wanted.map((given) => {
    const w = given.toLowerCase();
    const found = all.filter(
      (r) =>
        r.id.toLowerCase() === w ||
        `${r.resourceGroup}/${r.name}`.toLowerCase() === w ||
        r.name.toLowerCase() === w,
    );
    if (found.length === 0)
      throw new UserError(
        `--clusters ${given}: no visible cluster has that name; see fleet inventory`,
      );
    if (found.length > 1)
      throw new UserError(
        `--clusters ${given}: ${found.length} clusters have that name (${found.map((r) => `${r.resourceGroup}/${r.name}`).join(', ')}); write GROUP/NAME`,
      );
    const row = found[0]!;
    if (row.fleet)
      throw new UserError(
        `--clusters ${given}: it is member ${row.fleet.member} of fleet ${row.fleet.fleet}; upgrade it with fleet run (Fleet Manager orders its members)`,
      );
    return { row, env: tagOf(row) };
  });
  const ids = clusters.map((c) => c.row.id.toLowerCase());
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new UserError(`--clusters names ${twice.split('/').at(-1) ?? twice} twice`);
  return clusters;
}
