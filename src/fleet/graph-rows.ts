import { isApiPublic } from '../checks/access/api-access.js';
import { entraModeOf, entraOn } from '../checks/access/entra-mode.js';
import { sameArmValue } from '../checks/arm-enums.js';
import { imageAgeDays } from '../checks/nodeimage/image-age.js';
import { supportOf } from '../checks/versions/support.js';
import type { RegionMinor } from '../checks/versions/facts.js';
import type { FleetMembership, InventoryCluster, SupportStatus } from '../model/inventory.js';

type Row = Record<string, unknown>;

const obj = (v: unknown): Row => (typeof v === 'object' && v !== null ? (v as Row) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Fleet memberships by lower-cased cluster resource id, from the members query's rows. */
export function membershipsOf(rows: readonly Row[]): Map<string, FleetMembership> {
  const found = new Map<string, FleetMembership>();
  for (const row of rows) {
    const id = str(row['id']) ?? '';
    const props = obj(row['properties']);
    const cluster = str(props['clusterResourceId']);
    const fleetId = /^(.*\/fleets\/[^/]+)\/members\/[^/]+$/i.exec(id)?.[1];
    if (!cluster || !fleetId) continue;
    const group = str(props['group']);
    found.set(cluster.toLowerCase(), {
      fleetId,
      fleet: fleetId.split('/').pop()!,
      member: str(row['name']) ?? id.split('/').pop()!,
      ...(group ? { group } : {}),
    });
  }
  return found;
}

/**
 * One cluster of the inventory from its Resource Graph row (the ManagedCluster properties as ARM
 * returns them), its fleet membership and the versions its region offers (pure).
 */
export function clusterOf(
  row: Row,
  memberships: ReadonlyMap<string, FleetMembership>,
  region: readonly RegionMinor[] | undefined,
  now: number,
): InventoryCluster {
  const id = str(row['id']) ?? '';
  const p = obj(row['properties']);
  const aad =
    p['aadProfile'] === undefined || p['aadProfile'] === null ? undefined : obj(p['aadProfile']);
  const access = obj(p['apiServerAccessProfile']);
  const ranges = Array.isArray(access['authorizedIPRanges'])
    ? (access['authorizedIPRanges'] as unknown[]).filter((r): r is string => typeof r === 'string')
    : [];
  const version = str(p['currentKubernetesVersion']) ?? str(p['kubernetesVersion']);
  const upgrade = obj(p['autoUpgradeProfile']);
  const defender = obj(obj(obj(p['securityProfile'])['defender'])['securityMonitoring']);
  const pools = (
    Array.isArray(p['agentPoolProfiles']) ? (p['agentPoolProfiles'] as unknown[]) : []
  ).map((raw) => {
    const pool = obj(raw);
    const image = str(pool['nodeImageVersion']);
    const age = imageAgeDays(image, now);
    const v = str(pool['currentOrchestratorVersion']) ?? str(pool['orchestratorVersion']);
    return {
      name: str(pool['name']) ?? '?',
      ...(str(pool['mode']) ? { mode: str(pool['mode'])! } : {}),
      ...(str(pool['osType']) ? { osType: str(pool['osType'])! } : {}),
      ...(v ? { version: v } : {}),
      ...(image ? { nodeImageVersion: image } : {}),
      ...(age !== undefined ? { imageAgeDays: age } : {}),
    };
  });
  const tags = Object.fromEntries(
    Object.entries(obj(row['tags'])).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const support: SupportStatus = version && region?.length ? supportOf(region, version) : 'unknown';
  const fleet = memberships.get(id.toLowerCase());
  const optional = {
    ...(version ? { kubernetesVersion: version } : {}),
    ...(str(p['supportPlan']) ? { supportPlan: str(p['supportPlan'])! } : {}),
    ...(str(upgrade['upgradeChannel']) ? { upgradeChannel: str(upgrade['upgradeChannel'])! } : {}),
    ...(str(upgrade['nodeOSUpgradeChannel'])
      ? { nodeOsChannel: str(upgrade['nodeOSUpgradeChannel'])! }
      : {}),
    ...(str(p['provisioningState']) ? { provisioningState: str(p['provisioningState'])! } : {}),
    ...(str(obj(p['powerState'])['code'])
      ? { powerState: str(obj(p['powerState'])['code'])! }
      : {}),
    ...(fleet ? { fleet } : {}),
  };
  return {
    id,
    subscriptionId: str(row['subscriptionId']) ?? /\/subscriptions\/([^/]+)/i.exec(id)?.[1] ?? '',
    // The id keeps the group's casing; Resource Graph's column is lower-cased.
    resourceGroup: /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] ?? str(row['resourceGroup']) ?? '',
    name: str(row['name']) ?? '',
    location: str(row['location']) ?? '',
    tags,
    support,
    pools,
    // The access step's rule: the retired app-based integration counts as off.
    entra: entraOn(
      entraModeOf({
        managed: aad?.['managed'] === true,
        enableAzureRbac: aad?.['enableAzureRBAC'] === true,
        ...(str(aad?.['serverAppID']) ? { serverAppID: str(aad?.['serverAppID'])! } : {}),
      }),
    ),
    azureRbac: aad?.['enableAzureRBAC'] === true,
    // Local accounts are on unless disabled, and then only matter with Entra ID present.
    localAccounts: p['disableLocalAccounts'] !== true,
    defender: defender['enabled'] === true,
    // The single-cluster verdict (access.api-public): closed when private or with public network
    // access disabled; public when no range is set or the ranges let the internet in (0.0.0.0/0).
    api:
      access['enablePrivateCluster'] === true ||
      sameArmValue(str(p['publicNetworkAccess']), 'Disabled')
        ? 'private'
        : isApiPublic({
              privateCluster: false,
              publicNetworkAccess: str(p['publicNetworkAccess']),
              authorizedRanges: ranges,
            })
          ? 'public'
          : 'authorized',
    authorizedRanges: ranges,
    ...optional,
  };
}
