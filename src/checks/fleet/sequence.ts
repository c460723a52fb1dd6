import type { InventoryRow } from '../../model/inventory.js';

/** The default order of `env` tag values: test environments before production. */
export const DEFAULT_ENV_ORDER = ['dev', 'test', 'qa', 'staging', 'prod'];

/** A cluster in the one-at-a-time order, with the tag value that placed it. */
export interface SequencedCluster {
  row: InventoryRow;
  env: string;
}

/**
 * Clusters outside any fleet, one at a time: by the position of their `tag` value in `order`
 * (values not in it after those that are, then untagged), then by name (pure).
 */
export function sequenceClusters(
  rows: readonly InventoryRow[],
  tag: string,
  order: readonly string[] = DEFAULT_ENV_ORDER,
): SequencedCluster[] {
  const valueOf = (r: InventoryRow): string => {
    const key = Object.keys(r.tags).find((k) => k.toLowerCase() === tag.toLowerCase());
    return key === undefined ? '' : (r.tags[key] ?? '');
  };
  const rank = (v: string): number => {
    const i = order.findIndex((o) => o.toLowerCase() === v.toLowerCase());
    return i >= 0 ? i : v === '' ? order.length + 1 : order.length;
  };
  return rows
    .filter((r) => !r.fleet)
    .map((row) => ({ row, env: valueOf(row) }))
    .sort(
      (a, b) =>
        rank(a.env) - rank(b.env) ||
        a.env.localeCompare(b.env) ||
        a.row.name.localeCompare(b.row.name),
    );
}

/** Above this many clusters, the tool recommends a Fleet Manager fleet instead. */
export const FLEET_ADVICE_FROM = 5;

/** The `az fleet` commands that put these clusters in a fleet with one update group per tag value. */
export function fleetAdvice(
  clusters: readonly SequencedCluster[],
  fleetGroup = '<fleet-group>',
  fleet = '<fleet-name>',
): string[] {
  const envs = [...new Set(clusters.map((c) => c.env || 'untagged'))];
  return [
    `az fleet create -g ${fleetGroup} -n ${fleet}`,
    ...clusters.map(
      (c) =>
        `az fleet member create -g ${fleetGroup} -f ${fleet} -n ${c.row.name} --member-cluster-id ${c.row.id} --update-group ${c.env || 'untagged'}`,
    ),
    `az fleet updatestrategy create -g ${fleetGroup} -f ${fleet} -n by-env --stages stages.json  # one stage per group, in the order ${envs.join(' -> ')}`,
  ];
}
