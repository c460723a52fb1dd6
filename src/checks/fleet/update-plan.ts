import type { PlannedMember, Readiness, UpdatePlan } from '../../model/fleet-run.js';
import type { ApiUse } from '../versions/deprecated-uses.js';
import { compareVersions, minorOf } from '../versions/semver.js';
import { removedApiReasons } from './member-apis.js';
import { sameArmValue } from '../arm-enums.js';

/** What an update run changes on each member. */
export interface PlannedUpdate {
  type: 'Full' | 'ControlPlaneOnly' | 'NodeImageOnly';
  kubernetesVersion?: string;
}

/** What is known of one member before the run (from ARM and its API server). */
export interface MemberFacts {
  member: string;
  group?: string;
  /** `resourceGroup/name` of its cluster. */
  cluster: string;
  currentVersion?: string;
  support?: string;
  provisioningState?: string;
  powerState?: string;
  /** Control-plane upgrades the cluster's upgrade profile offers, when read. */
  upgrades?: string[];
  /** PodDisruptionBudgets allowing no disruption now (`namespace/name`), when read. */
  blockingPdbs?: string[];
  /**
   * PodDisruptionBudgets whose status is not current yet (`status.observedGeneration` behind
   * `metadata.generation`): they count as allowing none, and are said so.
   */
  pdbsNotCurrent?: string[];
  /** Uses of APIs the target may remove (metric, Helm, last-applied), when read. */
  apiUses?: ApiUse[];
  /** Why a part could not be read (the readiness is then partly unknown). */
  unread?: string[];
  /** The oldest node image age in days, for node image runs. */
  oldestImageDays?: number;
}

/** A strategy's stages; absent = every member on its own, one after the other. */
export type Stages = Array<{ name: string; groups: string[]; afterStageWaitInSeconds?: number }>;

/** The run's order and each member's readiness (pure): what the operator sees before confirming. */
export function planUpdateRun(
  stages: Stages | undefined,
  members: readonly MemberFacts[],
  update: PlannedUpdate,
): UpdatePlan {
  const layout: Stages = stages ?? members.map((m) => ({ name: m.member, groups: [m.member] }));
  let order = 0;
  const placed = new Set<string>();
  const planned = layout.map((s) => ({
    name: s.name,
    ...(s.afterStageWaitInSeconds ? { waitSeconds: s.afterStageWaitInSeconds } : {}),
    groups: s.groups.map((g) => ({
      name: g,
      members: members
        .filter((m) => (stages ? m.group === g : m.member === g))
        .map((m) => {
          placed.add(m.member);
          return planMember(++order, s.name, g, m, update);
        }),
    })),
  }));
  const all = planned.flatMap((s) => s.groups.flatMap((g) => g.members));
  return {
    stages: planned,
    leftOut: members.filter((m) => !placed.has(m.member)).map((m) => m.member),
    blocked: all.filter((m) => m.readiness === 'blocked').length,
  };
}

function planMember(
  order: number,
  stage: string,
  group: string,
  m: MemberFacts,
  update: PlannedUpdate,
): PlannedMember {
  const target =
    update.type === 'NodeImageOnly' ? 'latest node image' : (update.kubernetesVersion ?? '?');
  const blocked: string[] = [];
  const warnings: string[] = [];
  if (sameArmValue(m.powerState, 'Stopped'))
    blocked.push('the cluster is stopped: AKS refuses upgrades until it is started');
  // ARM enum values match whatever their case (a `succeeded` is not an operation running).
  const settled = ['Succeeded', 'Failed', 'Canceled'].some((s) =>
    sameArmValue(m.provisioningState, s),
  );
  if (m.provisioningState && !settled)
    blocked.push(`an operation is running (${m.provisioningState}): AKS would refuse with 409`);
  if (sameArmValue(m.provisioningState, 'Failed')) warnings.push('its last operation failed');
  let upToDate = false;
  if (update.type !== 'NodeImageOnly' && update.kubernetesVersion && m.currentVersion) {
    const to = update.kubernetesVersion;
    const cmp = compareVersions(to, m.currentVersion);
    const skipped =
      Number(minorOf(to).split('.')[1]) - Number(minorOf(m.currentVersion).split('.')[1]);
    if (cmp < 0) blocked.push(`${m.currentVersion} is newer than ${to}: AKS does not downgrade`);
    else if (cmp === 0) upToDate = update.type === 'ControlPlaneOnly';
    else if (skipped > 1)
      blocked.push(
        `${m.currentVersion} -> ${to} skips a minor: AKS refuses; upgrade to ${minorOf(m.currentVersion).split('.')[0]}.${Number(minorOf(m.currentVersion).split('.')[1]) + 1} first`,
      );
    else if (m.upgrades && !m.upgrades.includes(to))
      blocked.push(
        `${to} is not an upgrade AKS offers this cluster (offers: ${m.upgrades.join(', ') || 'none'})`,
      );
  }
  // Stored objects survive (served at the replacement); manifests and clients using the old
  // version break after it, and AKS may refuse while clients call it: flagged, not blocked.
  if (update.type !== 'NodeImageOnly' && update.kubernetesVersion && m.currentVersion && m.apiUses)
    warnings.push(...removedApiReasons(m.apiUses, m.currentVersion, update.kubernetesVersion));
  if (m.support === 'unsupported') warnings.push('its current version is out of AKS support');
  if (update.type !== 'ControlPlaneOnly') {
    const notCurrent = new Set(m.pdbsNotCurrent ?? []);
    for (const pdb of new Set([...(m.blockingPdbs ?? []), ...notCurrent]))
      blocked.push(
        notCurrent.has(pdb)
          ? `PDB ${pdb}: its status is not current yet (the disruption controller has not caught up with its latest spec): the eviction API refuses its pods until it does, so AKS may fail to drain its nodes (UpgradeFailed)`
          : `PDB ${pdb} allows 0 disruptions: AKS cannot drain its nodes; the member will fail (UpgradeFailed)`,
      );
  }
  const unknown = (m.unread ?? []).map((u) => `not read: ${u}`);
  const readiness: Readiness =
    blocked.length > 0
      ? 'blocked'
      : upToDate
        ? 'up-to-date'
        : warnings.length > 0
          ? 'warning'
          : unknown.length > 0
            ? 'unknown'
            : 'ready';
  return {
    order,
    stage,
    group,
    member: m.member,
    cluster: m.cluster,
    ...(m.currentVersion ? { current: m.currentVersion } : {}),
    target,
    readiness,
    reasons: [...blocked, ...warnings, ...unknown],
  };
}
