import type { PoolVersionFacts, UpgradeOption, VersionFacts } from './facts.js';
import { compareVersions, minorDistance, minorOf } from './semver.js';
import { clusterSupportOf, onLtsPlan } from './support.js';
import { allowedPoolSkew, skewWords } from './skew.js';
import { sameArmValue, upgradeChannelOf } from '../arm-enums.js';
import { poolsOsRefuses } from './os-sku-limits.js';

// AKS upgrades one minor at a time, with two exceptions: a control plane already out of support
// may go straight to a supported minor (upgrade-aks-cluster: "only ... from an unsupported version
// back to a supported version", so never to a minor still out of support), and a cluster on the LTS support plan may migrate in place
// to a newer LTS-enabled version (AKS long-term support article; every supported minor from 1.27
// on is LTS-eligible, so this is a skip, not a hop to "the next LTS"). Either way AKS must offer it.
// The article's migration is `az aks upgrade` (control plane, then pools); it does not say AKS
// accepts a control-plane-only upgrade that skips minors, so the confirmation says so.

/** A control-plane target the operator can pick, with what makes it special. */
export interface TargetChoice extends UpgradeOption {
  /**
   * `patch` within the current minor, `minor` (the next one), `skip` (skips minors from a version
   * out of support back into support), or `lts` (skips minors, LTS plan migration).
   */
  kind: 'patch' | 'minor' | 'skip' | 'lts';
}

/** Whether the cluster is on the LTS plan and `version`'s minor is offered with LTS here. */
function ltsTarget(f: VersionFacts, version: string): boolean {
  return onLtsPlan(f.supportPlan) && f.region.some((m) => m.minor === minorOf(version) && m.lts);
}

/**
 * Pools that would be further behind `version` than AKS allows: this step upgrades the control
 * plane alone first, and a pool's minor must stay within reach of the control plane's (three
 * minors from 1.28 on, two before: `allowedPoolSkew`).
 */
function poolsTooFarBehind(f: VersionFacts, version: string): string[] {
  const allowed = allowedPoolSkew(version);
  return f.pools.filter((p) => minorDistance(p.current, version) > allowed).map((p) => p.name);
}

/** Whether `version` is an LTS migration this step can make (control plane first). */
function ltsMigration(f: VersionFacts, version: string): boolean {
  return ltsTarget(f, version) && poolsTooFarBehind(f, version).length === 0;
}

/** Whether the control plane's minor is out of support for this cluster. */
function fromUnsupported(f: VersionFacts): boolean {
  // Past the window, or an LTS-only minor off the LTS plan (a retired patch of a supported minor
  // allows no skip: AKS allows one only back into the window).
  const support = clusterSupportOf(f.region, f.controlPlane.current, f.supportPlan, 'minor');
  return support === 'unsupported' || support === 'lts-only';
}

/** A skip AKS allows from out of support: the target's minor is supported for this cluster. */
function skipBackIntoSupport(f: VersionFacts, version: string): boolean {
  return (
    fromUnsupported(f) &&
    clusterSupportOf(f.region, version, f.supportPlan, 'minor') === 'supported'
  );
}

/** How many minors `version` skips from the control plane's, or 0 when AKS allows the move. */
function skippedMinors(f: VersionFacts, version: string): number {
  const skip = minorDistance(f.controlPlane.current, version) - 1;
  if (skip <= 0 || skipBackIntoSupport(f, version) || ltsMigration(f, version)) return 0;
  return skip;
}

/**
 * The control-plane targets offered, newest first; a skip of minors only back into support or as
 * an LTS migration.
 */
export function targetChoices(f: VersionFacts): TargetChoice[] {
  const from = f.controlPlane.current;
  return f.controlPlane.upgrades
    .filter((u) => compareVersions(u.version, from) > 0)
    .filter((u) => skippedMinors(f, u.version) === 0)
    .map((u): TargetChoice => ({
      ...u,
      kind:
        minorOf(u.version) === minorOf(from)
          ? 'patch'
          : minorDistance(from, u.version) <= 1
            ? 'minor'
            : ltsMigration(f, u.version)
              ? 'lts'
              : 'skip',
    }))
    .sort((a, b) => compareVersions(b.version, a.version));
}

/** What a target is, for the chooser: a patch, the next minor, or a skip (back into support, or on the LTS plan). */
export function targetLabel(choice: TargetChoice, from: string): string {
  if (choice.kind === 'patch') return 'patch within the minor';
  if (choice.kind === 'minor') return 'next minor';
  const skip = minorDistance(from, choice.version) - 1;
  const skips = `skips ${skip} minor${skip === 1 ? '' : 's'}`;
  return choice.kind === 'lts' ? `${skips}; LTS plan` : `${skips}; back into support`;
}

/**
 * The confirmation's warning for a control-plane-only upgrade that skips minors, or undefined when
 * `to` skips none. AKS documents both skips (back into support; the LTS migration, named only on
 * the LTS plan) as a whole-cluster `az aks upgrade`.
 */
export function skipWarning(from: string, to: string, ltsPlan = false): string | undefined {
  const skip = minorDistance(from, to) - 1;
  if (skip <= 0) return undefined;
  const documented = ltsPlan
    ? 'the documented LTS migration'
    : 'the documented skip back into support';
  return `This skips ${skip} minor${skip === 1 ? '' : 's'} (${minorOf(from)} → ${minorOf(to)}) and sends a control-plane-only upgrade: ${documented} is the whole cluster (az aks upgrade --kubernetes-version ${to}, control plane then pools), and AKS may refuse a control-plane-only skip. If it does, nothing changes; run that command instead.`;
}

/**
 * The newest non-preview minor or LTS target offered (choices newest first): removed and deprecated
 * APIs are judged up to it, since an LTS migration can skip minors and each skipped one removes APIs.
 */
export function furthestTarget(choices: readonly TargetChoice[]): string | undefined {
  return choices.find((c) => c.kind !== 'patch' && !c.isPreview)?.version;
}

/**
 * The cluster auto-upgrade channel when it upgrades Kubernetes versions (patch, stable, rapid, or a
 * value we do not know), else undefined: `none` and `node-image` never change the version.
 */
function versionChannelOn(f: VersionFacts): string | undefined {
  const channel = upgradeChannelOf(f.channels.upgrade);
  return channel === 'none' || channel === 'node-image' ? undefined : channel;
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
  // AKS auto-upgrade limitations: with cluster auto-upgrade on, a control-plane-only upgrade is
  // refused (NotAllAgentPoolOrchestratorVersionSpecifiedAndUnchanged), and that is what this
  // step sends first, whatever the target.
  const channel = versionChannelOn(f);
  if (channel)
    return `the cluster auto-upgrade channel is ${channel}, and with auto-upgrade on AKS refuses a control-plane-only upgrade, which this step sends first. Upgrade the whole cluster instead (az aks upgrade --kubernetes-version ${version}: control plane, then every pool), or set the channel to none first (az aks update --auto-upgrade-channel none).`;
  const skip = skippedMinors(f, version);
  if (skip > 0) {
    const behind = poolsTooFarBehind(f, version);
    const lts = !onLtsPlan(f.supportPlan)
      ? ''
      : ltsTarget(f, version)
        ? ` On the LTS plan AKS migrates to it in place, but this step upgrades the control plane alone first and pool ${behind.join(', ')} would be more than ${skewWords(allowedPoolSkew(version))} minors behind it (AKS allows ${skewWords(allowedPoolSkew(version))}): use az aks upgrade, which upgrades the pools with it.`
        : ` On the LTS plan AKS can also move straight to an LTS-enabled version; ${minorOf(version)} is not offered with LTS here.`;
    // From out of support AKS allows a skip, but only straight back into support.
    const outOfSupport = fromUnsupported(f)
      ? ` From a version out of support AKS allows skipping minors only to a supported minor, and ${minorOf(version)} is not supported: choose a supported minor, or go one minor at a time.`
      : '';
    return `${version} would skip ${skip} minor version${skip > 1 ? 's' : ''}: AKS upgrades one minor at a time (${from} → ${minorOf(from).split('.')[0]}.${Number(minorOf(from).split('.')[1]) + 1}.x first).${outOfSupport}${lts}`;
  }
  const offered = f.controlPlane.upgrades.find((u) => u.version === version);
  if (!offered)
    return `${version} is not among the upgrades AKS offers for ${from} in this region.`;
  const osRefused = poolsOsRefuses(f.pools, version);
  if (osRefused.length > 0) {
    const which = osRefused.map(
      (o) => `${o.pool} runs ${o.os}, which AKS does not run on ${o.firstRefused} or later`,
    );
    return `${version}: pool ${which.join('; pool ')}: this step upgrades every pool after the control plane, and AKS would refuse those pools. First add a pool on a newer Windows Server release (az aks nodepool add --os-type Windows --os-sku <newer SKU>), move the workloads there and delete the old pool.`;
  }
  // A next minor too: AKS refuses a control plane that leaves a pool past the skew it allows (a
  // patch within the minor moves no pool further behind).
  const newMinor = minorOf(version) !== minorOf(from);
  const tooFar = newMinor ? poolsTooFarBehind(f, version) : [];
  const behind = f.pools.filter((p) => tooFar.includes(p.name));
  if (behind.length > 0) {
    const names = behind.map((p) => `${p.name} (${p.current})`).join(', ');
    const first = behind.map((p) => p.name).join(', ');
    const allowed = skewWords(allowedPoolSkew(version));
    return `pool ${names} would be more than ${allowed} minors behind ${version}: AKS keeps a pool within ${allowed} minors of the control plane and refuses this upgrade. Upgrade pool ${first} first (to ${from}).`;
  }
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
    (p) => compareVersions(p.current, target) < 0 || sameArmValue(p.provisioningState, 'Failed'),
  );
  // ARM reads the mode without regard to case, as every enum.
  const system = behind.filter((p) => sameArmValue(p.mode, 'System'));
  const user = behind.filter((p) => !sameArmValue(p.mode, 'System'));
  return systemFirst ? [...system, ...user] : [...user, ...system];
}
