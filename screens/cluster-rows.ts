import { displayWidth } from '../src/model/text-cells.js';
import type { ListedCluster } from '../src/model/arm.js';
import type { PickableCluster } from '../src/model/pickable-cluster.js';

/** A cluster's state in a word with a symbol (never colour alone), and whether it looks usable. */
export function clusterState(c: ListedCluster): { text: string; usable: boolean } {
  if (c.provisioningState === 'Failed') return { text: '✖ Failed', usable: false };
  if (c.powerState === 'Stopped') return { text: '■ Stopped', usable: false };
  if (c.provisioningState && c.provisioningState !== 'Succeeded') {
    return { text: `… ${c.provisioningState}`, usable: true };
  }
  if (c.powerState === 'Running') return { text: '✔ Running', usable: true };
  return { text: `? ${c.provisioningState ?? 'unknown'}`, usable: true };
}

/** What the picker's filter matches: name, group, region, version, and the inventory's words. */
export function clusterText(c: PickableCluster): string {
  return [
    c.name,
    c.resourceGroup,
    c.location,
    c.kubernetesVersion ?? '',
    c.subscriptionId,
    c.support ?? '',
    c.fleet ?? '',
    ...(c.signals ?? []),
  ].join(' ');
}

/** The version with its AKS support in a symbol and a word (`1.29.9 ✖ out`). */
export function versionSupport(c: PickableCluster): string {
  const v = c.kubernetesVersion ?? '-';
  switch (c.support) {
    case 'supported':
      return `${v} ✔`;
    case 'lts-only':
      return `${v} ▲ LTS`;
    case 'unsupported':
      return `${v} ✖ out`;
    default:
      return `${v} ?`;
  }
}

/**
 * The inventory's signals of a cluster, its state first when it is not plainly running: as many
 * whole ones as fit in `room` columns, then how many more (a signal is never cut mid-word).
 */
export function clusterSignals(c: PickableCluster, room = Infinity): string {
  const state = clusterState(c);
  const lead = state.text === '✔ Running' ? [] : [state.text];
  const signals = [...lead, ...(c.signals ?? [])];
  if (signals.length === 0) return '✔ none';
  for (let n = signals.length; n > 0; n--) {
    const more = signals.length - n;
    const text = `${signals.slice(0, n).join(' ')}${more > 0 ? ` +${more}` : ''}`;
    if (displayWidth(text) <= room) return text;
  }
  return `${signals.length} signals`;
}

const CAPS = { name: 26, group: 20, region: 14, version: 8 } as const;

/** Column widths that fit the longest value, capped so a row stays within 80 columns. */
export function columnWidths(
  clusters: readonly ListedCluster[],
): Record<keyof typeof CAPS, number> {
  const widest = (label: string, cap: number, pick: (c: ListedCluster) => string): number =>
    Math.min(cap, Math.max(displayWidth(label), ...clusters.map((c) => displayWidth(pick(c)))));
  return {
    name: widest('NAME', CAPS.name, (c) => c.name),
    group: widest('RESOURCE GROUP', CAPS.group, (c) => c.resourceGroup),
    region: widest('REGION', CAPS.region, (c) => c.location),
    version: widest('VERSION', CAPS.version, (c) => c.kubernetesVersion ?? '-'),
  };
}

/**
 * The fleet column: the update group under the fleet's name when every member is in one fleet
 * (most tenants), else `fleet/group` in each cell.
 */
export function fleetColumn(clusters: readonly PickableCluster[]): {
  header: string;
  cell: (c: PickableCluster) => string;
} {
  const names = new Set(clusters.flatMap((c) => (c.fleet ? [c.fleet.split('/')[0]!] : [])));
  if (names.size !== 1) return { header: 'FLEET/GROUP', cell: (c) => c.fleet ?? '-' };
  const [only] = [...names];
  return {
    header: `GROUP (${only})`,
    cell: (c) => (c.fleet ? c.fleet.slice(only!.length + 1) : '-'),
  };
}

const INVENTORY_CAPS = { name: 22, version: 13, fleet: 24 } as const;

/** Column widths of the inventory's layout: name, version and support, fleet; signals last. */
export function inventoryWidths(
  clusters: readonly PickableCluster[],
  fleetCell: (c: PickableCluster) => string = (c) => c.fleet ?? '-',
): Record<keyof typeof INVENTORY_CAPS, number> {
  const widest = (label: string, cap: number, pick: (c: PickableCluster) => string): number =>
    Math.min(cap, Math.max(displayWidth(label), ...clusters.map((c) => displayWidth(pick(c)))));
  return {
    name: widest('NAME', INVENTORY_CAPS.name, (c) => c.name),
    version: widest('VERSION', INVENTORY_CAPS.version, versionSupport),
    fleet: widest(fleetColumn(clusters).header, INVENTORY_CAPS.fleet, fleetCell),
  };
}
