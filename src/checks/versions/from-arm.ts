import type { KubernetesVersion } from '@azure/arm-containerservice';
import type { ArmVersionReads } from '../../model/arm.js';
import type { RegionMinor, UpgradeOption, VersionFacts } from './facts.js';
import { onLtsPlan } from './support.js';

/** `{ kubernetesVersion, isPreview? }[]` → upgrade options. */
export function upgradeOptions(
  list: ReadonlyArray<{ kubernetesVersion?: string; isPreview?: boolean }> | undefined,
): UpgradeOption[] {
  return (list ?? [])
    .filter((u): u is { kubernetesVersion: string; isPreview?: boolean } => !!u.kubernetesVersion)
    .map((u) => ({ version: u.kubernetesVersion, isPreview: u.isPreview === true }));
}

/** The region's minors from ListKubernetesVersions. */
export function regionMinors(values: readonly KubernetesVersion[]): RegionMinor[] {
  return values
    .filter((v): v is KubernetesVersion & { version: string } => !!v.version)
    .map((v) => ({
      minor: v.version,
      isPreview: v.isPreview === true,
      isDefault: v.isDefault === true,
      lts: v.capabilities?.supportPlan?.some((plan) => onLtsPlan(plan)) ?? false,
      patches: Object.keys(v.patchVersions ?? {}),
    }));
}

/** Builds the facts the checks and planner use from the SDK's objects (pure). */
export function versionFactsFromArm(r: ArmVersionReads): VersionFacts {
  const c = r.cluster;
  const cpProfile = r.profile.controlPlaneProfile;
  return {
    cluster: c.name ?? '',
    controlPlane: {
      version: c.kubernetesVersion ?? cpProfile.kubernetesVersion,
      current: c.currentKubernetesVersion ?? cpProfile.kubernetesVersion,
      upgrades: upgradeOptions(cpProfile.upgrades),
    },
    provisioningState: c.provisioningState ?? 'Succeeded',
    pools: r.pools.map((p) => {
      const name = p.name ?? '';
      const fromCluster = r.profile.agentPoolProfiles?.find((x) => x.name === name);
      const own = r.poolProfiles[name];
      return {
        name,
        mode: p.mode ?? 'User',
        osType: p.osType ?? 'Linux',
        ...(p.osSKU ? { osSKU: p.osSKU } : {}),
        count: p.count ?? 0,
        version: p.orchestratorVersion ?? p.currentOrchestratorVersion ?? '',
        current: p.currentOrchestratorVersion ?? p.orchestratorVersion ?? '',
        upgrades: upgradeOptions(own?.upgrades ?? fromCluster?.upgrades),
        provisioningState: p.provisioningState ?? 'Succeeded',
        settings: {
          ...p.upgradeSettings,
          ...(p.scaleSetPriority ? { scaleSetPriority: p.scaleSetPriority } : {}),
        },
      };
    }),
    region: regionMinors(r.versions),
    channels: {
      upgrade: c.autoUpgradeProfile?.upgradeChannel,
      nodeOS: c.autoUpgradeProfile?.nodeOSUpgradeChannel,
    },
    ...(c.supportPlan ? { supportPlan: c.supportPlan } : {}),
    maintenance: r.maintenance,
  };
}
