import type { Finding } from '../../model/finding.js';
import type { SupportStatus } from '../../model/inventory.js';
import type { VersionFacts } from './facts.js';
import { compareVersions, minorDistance, minorOf, parseVersion } from './semver.js';
import { clusterSupportOf, patchRetired, supportedMinors } from './support.js';
import { upgradeChannelOf } from '../arm-enums.js';
import { allowedPoolSkew, skewWords } from './skew.js';
import { maintenanceWindowFinding } from './maintenance-window.js';

/**
 * The version findings: support window, available upgrades, pool skew, channels (and their
 * maintenance window), preview-only.
 */
export function versionFindings(f: VersionFacts): Finding[] {
  const out: Finding[] = [];
  const cluster = { kind: 'ManagedCluster', name: f.cluster };
  const cp = f.controlPlane.current;
  const cpSupport = clusterSupportOf(f.region, cp, f.supportPlan);
  if (cpSupport === 'unknown') out.push(supportUnknown(cluster, 'the control plane', cp, f.region));
  else if (cpSupport !== 'supported')
    out.push(unsupported(cluster, 'The control plane', cp, cpSupport, f.region));
  for (const pool of f.pools) {
    const support = clusterSupportOf(f.region, pool.current, f.supportPlan);
    const object = { kind: 'AgentPool', name: pool.name };
    if (support === 'unknown')
      out.push(supportUnknown(object, `pool ${pool.name}`, pool.current, f.region));
    else if (support !== 'supported')
      out.push(unsupported(object, `Pool ${pool.name}`, pool.current, support, f.region));
    const behind = minorDistance(pool.current, cp);
    // Three minors from a 1.28 control plane on, two before (AKS follows the kubelet skew).
    const allowed = allowedPoolSkew(cp);
    if (parseVersion(pool.current) && parseVersion(cp) && compareVersions(pool.current, cp) > 0) {
      // Kubelet must never be newer than kube-apiserver (version skew policy); AKS refuses a pool
      // above the control plane's major.minor.patch, and never downgrades a pool.
      out.push({
        id: 'versions.pool-skew',
        severity: 'high',
        object,
        message: `Pool ${pool.name} runs ${pool.current}, ahead of the control plane (${cp}): kubelets must not be newer than the API server, so this is outside the skew Kubernetes and AKS support.`,
        remediation: `Upgrade the control plane to ${pool.current} or later (AKS cannot downgrade a pool), or replace the pool with one on ${cp} and move its workloads there.`,
      });
    } else if (behind > 0) {
      out.push({
        id: 'versions.pool-skew',
        severity: behind > allowed ? 'high' : 'medium',
        object,
        message: `Pool ${pool.name} runs ${pool.current}, ${behind} minor version${behind > 1 ? 's' : ''} behind the control plane (${cp}).`,
        remediation:
          behind > allowed
            ? `AKS allows a pool at most ${skewWords(allowed)} minors behind this control plane: upgrade this pool now, to the control plane version.`
            : 'Upgrade the pool to the control plane version so nodes and API server match.',
      });
    } else if (
      behind === 0 &&
      parseVersion(pool.current) &&
      parseVersion(cp) &&
      compareVersions(pool.current, cp) < 0
    ) {
      // Same minor, older patch: within the skew AKS allows, yet its kubelets lack the fixes the
      // control plane's patch brought (AKS offers the pool that upgrade).
      out.push({
        id: 'versions.pool-skew',
        severity: 'low',
        object,
        message: `Pool ${pool.name} runs ${pool.current}, an older patch than the control plane (${cp}): its nodes may lack that patch's fixes.`,
        remediation: 'Upgrade the pool to the control plane version.',
      });
    }
  }
  const ga = f.controlPlane.upgrades.filter((u) => !u.isPreview);
  const preview = f.controlPlane.upgrades.filter((u) => u.isPreview);
  if (ga.length > 0) {
    const newest = [...ga].sort((a, b) => compareVersions(b.version, a.version))[0]!;
    out.push({
      id: 'versions.upgrade-available',
      severity: minorDistance(cp, newest.version) > 0 ? 'low' : 'info',
      object: cluster,
      message: `The control plane (${cp}) can be upgraded; newest offered: ${newest.version}.`,
      remediation: 'Plan it in a maintenance window: control plane first, then each pool.',
    });
  } else if (preview.length > 0) {
    out.push({
      id: 'versions.preview-only',
      severity: 'info',
      object: cluster,
      message: `The only upgrades offered for ${cp} are preview versions (${preview.map((u) => u.version).join(', ')}).`,
      remediation: 'Preview versions have no support; stay on a GA version in production.',
    });
  }
  // `node-image` moves node images only: like `none`, it never changes the Kubernetes version.
  const channel = upgradeChannelOf(f.channels.upgrade);
  if (channel === 'none' || channel === 'node-image') {
    out.push({
      id: 'versions.auto-upgrade-off',
      severity: 'low',
      object: cluster,
      message: `Automatic Kubernetes upgrades are off (upgrade channel ${channel}${channel === 'node-image' ? ', which upgrades node images only' : ''}): versions fall out of support unless someone upgrades by hand.`,
      remediation:
        'Set the upgrade channel stable or rapid (patch never moves the minor) with a planned maintenance window, or keep a calendar for manual upgrades.',
    });
  }
  // auto-upgrade-cluster: `patch` keeps the minor; to stay within N-2 AKS advises stable or rapid.
  // Low, as `none`: the cluster still gets patches, but minors are left to the operator.
  if (channel === 'patch') {
    out.push({
      id: 'versions.patch-only-channel',
      severity: 'low',
      object: cluster,
      message:
        'The upgrade channel patch applies new patches but never moves the minor: the cluster falls out of the N-2 support window unless someone upgrades the minor by hand.',
      remediation:
        'Set the upgrade channel stable or rapid to stay in support (AKS advises one of them for N-2), or keep a calendar for minor upgrades.',
    });
  }
  if (channel !== 'none') {
    const window = maintenanceWindowFinding(f.maintenance, {
      schedule: 'aksManagedAutoUpgradeSchedule',
      upgrades:
        channel === 'node-image'
          ? 'the auto-upgrade channel node-image reimages every pool to new node images'
          : `the auto-upgrade channel ${channel} upgrades the control plane and every pool`,
      ids: {
        missing: 'versions.no-upgrade-window',
        unknown: 'versions.upgrade-window-unknown',
      },
      object: cluster,
      cluster: f.cluster,
    });
    if (window) out.push(window);
  }
  return out;
}

/**
 * A version whose support could not be told: not reported, or no window to judge it by. High, as
 * the versions.unsupported it may hide: less data must not gate better than more.
 */
function supportUnknown(
  object: { kind: string; name: string },
  what: string,
  version: string,
  region: VersionFacts['region'],
): Finding {
  const why = !version.trim()
    ? 'ARM did not report the version it runs'
    : supportedMinors(region).length === 0
      ? "the region's version list (ListKubernetesVersions) named no generally available minor"
      : `its minor is newer than any generally available minor the region's version list (ListKubernetesVersions) names`;
  return {
    id: 'versions.support-unknown',
    severity: 'high',
    object,
    message: version.trim()
      ? `Whether ${what} (${version}) is in AKS support is not known: ${why}.`
      : `Whether ${what} is in AKS support is not known: ${why}.`,
    remediation:
      'Check by hand: az aks get-versions -l <region> and az aks show (currentKubernetesVersion).',
  };
}

function unsupported(
  object: { kind: string; name: string },
  what: string,
  version: string,
  support: Exclude<SupportStatus, 'supported' | 'unknown'>,
  region: VersionFacts['region'],
): Finding {
  // A preview minor is newer than the supported window, not past it: no support or SLA, and no
  // way back (AKS never downgrades), so the advice differs from an outdated version's.
  if (region.some((m) => m.isPreview && m.minor === minorOf(version)))
    return {
      id: 'versions.unsupported',
      severity: 'medium',
      object,
      message: `${what} runs ${version}, a preview version: AKS support and its SLA do not cover it.`,
      remediation:
        'Keep preview versions out of production; this cluster moves to the GA release of this minor when it comes (AKS cannot downgrade).',
    };
  if (support === 'unsupported' && patchRetired(region, version))
    return {
      id: 'versions.unsupported',
      severity: 'medium',
      object,
      message: `${what} runs ${version}, a patch AKS no longer lists for ${minorOf(version)} (it supports ${listedPatches(region, version)}): outside support, though its minor is still supported.`,
      remediation: `Upgrade to the newest patch of ${minorOf(version)} (a patch upgrade, control plane then pools); AKS gives 30 days after a patch is retired.`,
    };
  return support === 'lts-only'
    ? {
        id: 'versions.unsupported',
        severity: 'medium',
        object,
        message: `${what} runs ${version}, outside the standard support window; it is supported only on the AKS Long Term Support plan.`,
        remediation:
          'Upgrade to a supported minor, or make sure the cluster is on the Premium tier with the LTS plan.',
      }
    : {
        id: 'versions.unsupported',
        severity: 'high',
        object,
        message: `${what} runs ${version}, which AKS no longer supports (outside the newest three minors).`,
        remediation:
          'Upgrade to a supported version; from an unsupported version AKS allows a jump back into support.',
      };
}

/** The patches the region lists for `version`'s minor, for a message. */
function listedPatches(region: VersionFacts['region'], version: string): string {
  return region.find((m) => m.minor === minorOf(version))?.patches.join(', ') ?? '';
}
