import { displayWidth } from '../src/model/text-cells.js';
import type { ListedCluster } from '../src/model/arm.js';

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

/** What the picker's filter matches: name, group, region and version. */
export function clusterText(c: ListedCluster): string {
  return `${c.name} ${c.resourceGroup} ${c.location} ${c.kubernetesVersion ?? ''}`;
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
