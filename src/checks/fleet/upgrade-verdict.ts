import type { Finding, FindingId } from '../../model/finding.js';
import { compareVersions } from '../versions/semver.js';
import { imageStatus } from '../nodeimage/image-version.js';
import { sameArmValue } from '../arm-enums.js';
import type { PlannedUpdate } from './update-plan.js';

/** A cluster as read back after its upgrade: ARM's versions and states, the API server's nodes. */
export interface ClusterReadBack {
  controlPlane: string;
  provisioningState: string;
  pools: Array<{
    name: string;
    current: string;
    provisioningState: string;
    image?: string;
    latestImage?: string;
  }>;
  nodes: Array<{ name: string; ready: boolean; kubelet?: string }>;
}

/** What this program sent to the cluster in the sequence (what must now read back exactly). */
export interface SentChanges {
  controlPlane: boolean;
  pools: string[];
  images: string[];
}

/** Whether the cluster may count as upgraded, with each check in words. */
export interface UpgradeVerdict {
  ok: boolean;
  passed: string[];
  failed: string[];
  /** Findings of the upgrades step's checks that were not there before the upgrade. */
  newFindings: Finding[];
}

/**
 * Findings about the *next* upgrade rather than this cluster's health: after a minor upgrade they
 * may appear for the following minor without anything being wrong.
 */
const ABOUT_NEXT_UPGRADE: ReadonlySet<FindingId> = new Set<FindingId>([
  'versions.upgrade-available',
  'versions.removed-api-served',
  'versions.deprecated-api-in-use',
  'versions.auto-upgrade-off',
  'versions.patch-only-channel',
]);

function keyOf(f: Finding): string {
  const o = f.object;
  return `${f.id}|${o ? `${o.kind}/${o.namespace ?? ''}/${o.name}` : ''}`;
}

/** The findings in `after` not in `before` (by id and object) that speak of the cluster's health. */
export function newFindingsOf(
  before: readonly Finding[],
  after: readonly Finding[],
  update: PlannedUpdate,
): Finding[] {
  const seen = new Set(before.map(keyOf));
  return after.filter(
    (f) =>
      !seen.has(keyOf(f)) &&
      !ABOUT_NEXT_UPGRADE.has(f.id) &&
      // A control-plane-only upgrade leaves the pools behind on purpose.
      !(update.type === 'ControlPlaneOnly' && f.id === 'versions.pool-skew'),
  );
}

/**
 * The verification of one cluster's upgrade (pure): the version read back (exactly the target
 * where this program sent it, at least the target elsewhere), the cluster and every pool
 * Succeeded, every node Ready (and on the target kubelet after a Full upgrade), node images at
 * the latest after a node image upgrade, and no new findings from the upgrades step's checks.
 */
export function verifyUpgrade(
  update: PlannedUpdate,
  sent: SentChanges,
  read: ClusterReadBack,
  before: readonly Finding[],
  after: readonly Finding[],
): UpgradeVerdict {
  const passed: string[] = [];
  const failed: string[] = [];
  const check = (ok: boolean, yes: string, no: string): void => {
    (ok ? passed : failed).push(ok ? yes : no);
  };
  const target = update.kubernetesVersion;
  const reaches = (version: string, exact: boolean): boolean =>
    target === undefined || (exact ? version === target : compareVersions(version, target) >= 0);
  if (update.type !== 'NodeImageOnly' && target) {
    check(
      reaches(read.controlPlane, sent.controlPlane),
      `control plane runs ${read.controlPlane}`,
      `control plane runs ${read.controlPlane}, not ${target}`,
    );
  }
  if (update.type === 'Full' && target) {
    const behind = read.pools.filter((p) => !reaches(p.current, sent.pools.includes(p.name)));
    check(
      behind.length === 0,
      `every pool runs ${target}`,
      `pool ${behind.map((p) => `${p.name} runs ${p.current}`).join(', ')}, not ${target}`,
    );
  }
  if (update.type === 'NodeImageOnly') {
    // Ordered as release numbers (a pool past a lagging "latest" is on it); a version not read
    // back is not verified, never counted as the latest.
    const status = (p: ClusterReadBack['pools'][number]) =>
      imageStatus({ nodeImageVersion: p.image, latestNodeImageVersion: p.latestImage });
    const old = read.pools.filter((p) => status(p) !== 'current');
    check(
      old.length === 0,
      'every pool has the latest node image',
      `pool ${old.map((p) => (status(p) === 'unknown' ? `${p.name}: node image not read back (has ${p.image ?? '?'}, latest ${p.latestImage ?? '?'})` : `${p.name} has ${p.image ?? '?'} (latest ${p.latestImage ?? '?'})`)).join(', ')}`,
    );
  }
  const notSucceeded = [
    ...(sameArmValue(read.provisioningState, 'Succeeded')
      ? []
      : [`cluster ${read.provisioningState}`]),
    ...read.pools
      .filter((p) => !sameArmValue(p.provisioningState, 'Succeeded'))
      .map((p) => `pool ${p.name} ${p.provisioningState}`),
  ];
  check(
    notSucceeded.length === 0,
    'cluster and pools Succeeded',
    `not Succeeded: ${notSucceeded.join(', ')}`,
  );
  const notReady = read.nodes.filter((n) => !n.ready).map((n) => n.name);
  check(
    notReady.length === 0,
    `${read.nodes.length}/${read.nodes.length} nodes Ready`,
    `${notReady.length} of ${read.nodes.length} nodes not Ready: ${notReady.join(', ')}`,
  );
  if (update.type === 'Full' && target) {
    const oldKubelet = read.nodes.filter(
      (n) => n.kubelet !== undefined && compareVersions(n.kubelet.replace(/^v/, ''), target) < 0,
    );
    check(
      oldKubelet.length === 0,
      `every node's kubelet at ${target} or newer`,
      `nodes still on an older kubelet: ${oldKubelet.map((n) => `${n.name} (${n.kubelet ?? '?'})`).join(', ')}`,
    );
  }
  const newFindings = newFindingsOf(before, after, update);
  check(
    newFindings.length === 0,
    'no new findings from the upgrade checks',
    `new findings: ${newFindings.map((f) => `${f.id}: ${f.message}`).join('; ')}`,
  );
  return { ok: failed.length === 0, passed, failed, newFindings };
}
