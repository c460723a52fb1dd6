import { padTo } from '../../model/text-cells.js';
import type { UpgradeOption, VersionFacts } from './facts.js';
import { compareVersions } from './semver.js';
import { supportedMinors } from './support.js';

/** Upgrades as `az aks get-upgrades` lists them: version-sorted, preview marked, or "none". */
export function upgradeList(upgrades: readonly UpgradeOption[]): string {
  if (upgrades.length === 0) return 'none available';
  return [...upgrades]
    .sort((a, b) => compareVersions(a.version, b.version))
    .map((u) => (u.isPreview ? `${u.version} (preview)` : u.version))
    .join(', ');
}

/** `s` and at least one space, padded to `n` cells. */
function pad(s: string, n: number): string {
  return `${padTo(s, n - 1)} `;
}

/** The versions table and the lines around it, as the step's summary. */
export function versionSummary(f: VersionFacts): string[] {
  const cp = f.controlPlane;
  const lines = [
    `Control plane ${cp.current}${cp.version !== cp.current ? ` (set to ${cp.version})` : ''} · ${f.provisioningState}`,
    `  upgrades: ${upgradeList(cp.upgrades)}`,
    `${pad('POOL', 10)}${pad('MODE', 7)}${pad('OS', 8)}${pad('RUNS', 9)}${pad('STATE', 11)}UPGRADES`,
  ];
  for (const p of f.pools) {
    const runs = p.current === p.version ? p.current : `${p.current}→${p.version}`;
    lines.push(
      `${pad(p.name, 10)}${pad(p.mode, 7)}${pad(p.osType, 8)}${pad(runs, 9)}${pad(p.provisioningState, 11)}${upgradeList(p.upgrades)}`,
    );
  }
  const supported = supportedMinors(f.region);
  const lts = f.region.filter((m) => m.lts).map((m) => m.minor);
  const preview = f.region.filter((m) => m.isPreview).map((m) => m.minor);
  lines.push(
    `In support here: ${supported.join(', ') || 'unknown'}${lts.length ? ` · LTS: ${lts.join(', ')}` : ''}${preview.length ? ` · preview: ${preview.join(', ')}` : ''}`,
    `Channels: upgrade ${f.channels.upgrade ?? 'none'} · node OS ${f.channels.nodeOS ?? 'NodeImage (default)'}`,
    'names' in f.maintenance
      ? `Planned maintenance: ${f.maintenance.names.length ? f.maintenance.names.join(', ') : 'none configured'}`
      : `Planned maintenance: could not read (${f.maintenance.unreadable})`,
  );
  return lines;
}
