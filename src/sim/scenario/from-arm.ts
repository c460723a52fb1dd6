// A scenario descriptor from what Azure says about a cluster: the ARM body of a managed cluster
// (`GET .../managedClusters/x`), what `az aks show` prints (the same, flattened and renamed by the
// SDK), an agent pool or a list of them, or an official REST API example file holding one of
// these. Values are kept as given, nulls included; what the body does not say gets AKS's default.
import { VERSION, field, isObj, str, type Json } from './arm-fields.js';
import type { ArmContent } from './arm-content.js';
import { regionDefault, versionsOf } from './region-versions.js';
import { DESCRIPTOR_API_VERSION, DESCRIPTOR_KIND } from './schema.js';

export { armContent, type ArmContent } from './arm-content.js';

function poolOf(raw: Json, index: number, controlPlane: string): Json {
  const p = isObj(field(raw, 'properties')) ? (field(raw, 'properties') as Json) : raw;
  const pool: Json = {
    name: str(field(raw, 'name')) ?? `nodepool${index + 1}`,
    mode: str(field(p, 'mode')) ?? (index === 0 ? 'System' : 'User'),
    count: typeof field(p, 'count') === 'number' ? field(p, 'count') : 3,
    orchestratorVersion:
      [field(p, 'currentOrchestratorVersion'), field(p, 'orchestratorVersion')]
        .map(str)
        .find((v) => v && VERSION.test(v)) ?? controlPlane,
  };
  const copy = [
    'vmSize',
    'osType',
    'osSKU',
    'nodeImageVersion',
    'availabilityZones',
    'maxPods',
    'type',
    'nodeLabels',
    'nodeTaints',
  ];
  for (const k of copy) {
    const v = field(p, k);
    if (v !== undefined && v !== '') pool[k] = v;
  }
  const settings = field(p, 'upgradeSettings');
  if (isObj(settings)) {
    const u: Json = {};
    for (const k of [
      'maxSurge',
      'maxUnavailable',
      'drainTimeoutInMinutes',
      'nodeSoakDurationInMinutes',
      'undrainableNodeBehavior',
    ]) {
      const v = field(settings, k);
      if (v !== undefined && v !== '') u[k] = v;
    }
    if (Object.keys(u).length) pool['upgradeSettings'] = u;
  }
  return pool;
}

/** `/subscriptions/<s>/resourceGroups/<g>/...`: the subscription and group of a resource id. */
function scopeOf(id: unknown): { subscriptionId?: string; resourceGroup?: string } {
  const m = /\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)/i.exec(
    typeof id === 'string' ? id : '',
  );
  return m ? { subscriptionId: m[1]!, resourceGroup: m[2]! } : {};
}

/** Fields AKS shows as null and the descriptor keeps as null. */
const NULLABLE = ['adminGroupObjectIDs'];

function copyProfile(from: unknown, keys: string[]): Json | undefined {
  if (!isObj(from)) return undefined;
  const out: Json = {};
  for (const k of keys) {
    const v = field(from, k);
    if (v === undefined || (v === null && !NULLABLE.includes(k))) continue;
    out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The cluster part of a descriptor from a managed cluster body (wire or `az aks show`). */
function clusterOf(raw: Json | undefined, pools: Json[], regionDefault: string): Json {
  const p =
    raw && isObj(field(raw, 'properties')) ? (field(raw, 'properties') as Json) : (raw ?? {});
  const cp =
    [field(p, 'currentKubernetesVersion'), field(p, 'kubernetesVersion')]
      .map(str)
      .find((v) => v && VERSION.test(v)) ??
    pools
      .map((x) =>
        str(
          field(
            isObj(field(x, 'properties')) ? field(x, 'properties') : x,
            'currentOrchestratorVersion',
          ),
        ),
      )
      .find((v) => v && VERSION.test(v)) ??
    regionDefault;
  const scope = scopeOf(field(raw, 'id') ?? field(pools[0], 'id'));
  const cluster: Json = {
    subscriptionId: scope.subscriptionId ?? '00000000-0000-0000-0000-000000000000',
    resourceGroup: str(field(raw, 'resourceGroup')) ?? scope.resourceGroup ?? 'rg-imported',
    name:
      str(field(raw, 'name')) ??
      /managedClusters\/([^/]+)/i.exec(String(field(pools[0], 'id')))?.[1] ??
      'aks-imported',
    location: str(field(raw, 'location')) ?? 'westeurope',
    kubernetesVersion: cp,
  };
  const scalars = [
    'dnsPrefix',
    'fqdnSubdomain',
    'publicNetworkAccess',
    'supportPlan',
    'enableRBAC',
    'disableLocalAccounts',
  ];
  for (const k of scalars) {
    const v = field(p, k);
    if (v !== undefined && v !== null && v !== '') cluster[k] = v;
  }
  const tags = field(raw, 'tags');
  if (isObj(tags)) cluster['tags'] = tags;
  const sku = field(raw, 'sku');
  if (isObj(sku) && str(field(sku, 'tier')))
    cluster['sku'] = { name: str(field(sku, 'name')) ?? 'Base', tier: field(sku, 'tier') };
  const aad = copyProfile(field(p, 'aadProfile'), [
    'managed',
    'enableAzureRBAC',
    'adminGroupObjectIDs',
    'tenantID',
  ]);
  if (aad) cluster['aadProfile'] = aad;
  const access = copyProfile(field(p, 'apiServerAccessProfile'), [
    'authorizedIPRanges',
    'enablePrivateCluster',
    'privateDNSZone',
    'enablePrivateClusterPublicFqdn',
    'disableRunCommand',
  ]);
  if (access) cluster['apiServerAccessProfile'] = access;
  const network = copyProfile(field(p, 'networkProfile'), [
    'networkPlugin',
    'networkPluginMode',
    'networkPolicy',
    'networkDataplane',
    'ipFamilies',
  ]);
  if (network) cluster['networkProfile'] = network;
  const auto = copyProfile(field(p, 'autoUpgradeProfile'), [
    'upgradeChannel',
    'nodeOSUpgradeChannel',
  ]);
  if (auto) cluster['autoUpgradeProfile'] = auto;
  const defender = field(field(p, 'securityProfile'), 'defender');
  if (isObj(defender)) {
    const d: Json = { enabled: field(field(defender, 'securityMonitoring'), 'enabled') === true };
    const ws = str(field(defender, 'logAnalyticsWorkspaceResourceId'));
    if (ws) d['logAnalyticsWorkspaceResourceId'] = ws;
    cluster['defender'] = d;
  }
  const power = str(field(field(p, 'powerState'), 'code'));
  if (power === 'Running' || power === 'Stopped') cluster['powerState'] = power;
  cluster['pools'] = pools.map((x, i) => poolOf(x, i, cp));
  return cluster;
}

/**
 * A descriptor document (ready to write as YAML) from ARM content: the cluster (or a cluster made
 * around the pools given), the region's versions, and an operator in the cluster's admin group.
 */
export function descriptorFromArm(content: ArmContent, versions?: Json): Json {
  const rawPools = content.cluster
    ? (
        (field(
          isObj(field(content.cluster, 'properties'))
            ? field(content.cluster, 'properties')
            : content.cluster,
          'agentPoolProfiles',
        ) as unknown[]) ?? []
      ).filter(isObj)
    : (content.pools ?? []);
  const pools = [...rawPools];
  // Pools described on their own get a cluster around them, with the System pool AKS requires.
  const mode = (x: Json): unknown =>
    field(isObj(field(x, 'properties')) ? field(x, 'properties') : x, 'mode');
  if (!content.cluster && !pools.some((x) => mode(x) === 'System'))
    pools.unshift({ name: 'system', properties: { mode: 'System', count: 2, osType: 'Linux' } });
  if (pools.length === 0)
    pools.push({ name: 'nodepool1', properties: { mode: 'System', count: 3 } });
  const cluster = clusterOf(content.cluster, pools, regionDefault());
  const used = [
    cluster['kubernetesVersion'] as string,
    ...(cluster['pools'] as Json[]).map((p) => p['orchestratorVersion'] as string),
  ];
  const groups = Array.isArray(field(cluster['aadProfile'], 'adminGroupObjectIDs'))
    ? (field(cluster['aadProfile'], 'adminGroupObjectIDs') as string[])
    : [];
  return {
    apiVersion: DESCRIPTOR_API_VERSION,
    kind: DESCRIPTOR_KIND,
    description: `Imported from Azure's description of ${String(cluster['name'])}.`,
    cluster,
    kubernetesVersions: versionsOf(versions ?? content.versions, used),
    operator: { user: 'operator@contoso.com', groups: groups.slice(0, 1), armRole: 'contributor' },
  };
}
