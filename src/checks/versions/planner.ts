import type { PoolVersionFacts, UpgradeOption, VersionFacts } from './facts.js';
import { compareVersions, minorDistance, minorOf } from './semver.js';
import { supportOf } from './support.js';

/** A control-plane target the operator can pick, with what makes it special. */
export interface TargetChoice extends UpgradeOption {
  /** `patch` within the current minor, or `minor` (the next one). */
  kind: 'patch' | 'minor';
}

/** The control-plane targets offered, newest first; never a skipped minor. */
export function targetChoices(f: VersionFacts): TargetChoice[] {
  const from = f.controlPlane.current;
  const fromSupported = supportOf(f.region, from) !== 'unsupported';
  return f.controlPlane.upgrades
    .filter((u) => compareVersions(u.version, from) > 0)
    .filter((u) => !fromSupported || minorDistance(from, u.version) <= 1)
    .map((u): TargetChoice => ({
      ...u,
      kind: minorOf(u.version) === minorOf(from) ? 'patch' : 'minor',
    }))
    .sort((a, b) => compareVersions(b.version, a.version));
}

/**
 * Why a control-plane target cannot be chosen, in plain words, or undefined when it can.
 * Checked before anything is sent, so AKS never has to refuse it.
 */
export function refuseTarget(
  f: VersionFacts,
  version: string,
  previewChosen: boolean,
): string | undefined {
  const from = f.controlPlane.current;
  if (compareVersions(version, from) <= 0)
    return `${version} is not newer than the control plane (${from}).`;
  const skip = minorDistance(from, version);
  const fromSupported = supportOf(f.region, from) !== 'unsupported';
  if (skip > 1 && fromSupported) {
    return `${version} would skip ${skip - 1} minor version${skip > 2 ? 's' : ''}: AKS upgrades one minor at a time (${from} → ${minorOf(from).split('.')[0]}.${Number(minorOf(from).split('.')[1]) + 1}.x first).`;
  }
  const offered = f.controlPlane.upgrades.find((u) => u.version === version);
  if (!offered)
    return `${version} is not among the upgrades AKS offers for ${from} in this region.`;
  if (offered.isPreview && !previewChosen) {
    return `${version} is a preview version: choose it explicitly from the preview list if you mean it.`;
  }
  return undefined;
}

/** The pools still behind `target`, in upgrade order: the system pool(s) first or last. */
export function poolOrder(
  pools: readonly PoolVersionFacts[],
  target: string,
  systemFirst: boolean,
): PoolVersionFacts[] {
  const behind = pools.filter(
    (p) => compareVersions(p.current, target) < 0 || p.provisioningState === 'Failed',
  );
  const system = behind.filter((p) => p.mode === 'System');
  const user = behind.filter((p) => p.mode !== 'System');
  return systemFirst ? [...system, ...user] : [...user, ...system];
}
