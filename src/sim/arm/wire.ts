import type { KubernetesVersionSpec } from '../scenario/schema.js';
import type { ClusterState, PoolState } from './state.js';
import { upgradeList } from './versions.js';

/** Resource ids of the simulated cluster. */
export function clusterId(c: ClusterState): string {
  return `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${c.name}`;
}

/** Pool fields shared by `agentPoolProfiles[]` and `AgentPool.properties` (wire names). */
function poolProperties(p: PoolState, power: ClusterState['powerState']): Record<string, unknown> {
  const out: Record<string, unknown> = {
    availabilityZones: p.availabilityZones ?? [],
    count: p.count,
    currentOrchestratorVersion: p.currentOrchestratorVersion,
    eTag: p.eTag,
    enableAutoScaling: false,
    enableNodePublicIP: false,
    maxPods: p.maxPods,
    mode: p.mode,
    nodeImageVersion: p.nodeImageVersion,
    orchestratorVersion: p.orchestratorVersion,
    osDiskSizeGB: 128,
    osSKU: p.osSKU ?? (p.osType === 'Windows' ? 'Windows2022' : 'Ubuntu'),
    osType: p.osType,
    // Stopping a cluster stops its pools' VMs too.
    powerState: { code: power },
    provisioningState: p.provisioningState,
    type: p.type,
    upgradeSettings: upgradeSettingsOf(p),
    vmSize: p.vmSize,
  };
  if (p.nodeLabels) out['nodeLabels'] = p.nodeLabels;
  if (p.nodeTaints) out['nodeTaints'] = p.nodeTaints;
  if (p.provisioningError) out['status'] = { provisioningError: p.provisioningError };
  return out;
}

function upgradeSettingsOf(p: PoolState): Record<string, unknown> {
  const u = p.upgradeSettings ?? {};
  const out: Record<string, unknown> = { maxSurge: String(u.maxSurge ?? '10%') };
  if (u.maxUnavailable !== undefined) out['maxUnavailable'] = String(u.maxUnavailable);
  if (u.drainTimeoutInMinutes !== undefined) out['drainTimeoutInMinutes'] = u.drainTimeoutInMinutes;
  if (u.nodeSoakDurationInMinutes !== undefined)
    out['nodeSoakDurationInMinutes'] = u.nodeSoakDurationInMinutes;
  if (u.undrainableNodeBehavior !== undefined)
    out['undrainableNodeBehavior'] = u.undrainableNodeBehavior;
  return out;
}

/** `ManagedCluster` on the wire (fixture `ManagedClustersGet`, plus the checklist's properties). */
export function managedClusterWire(c: ClusterState): Record<string, unknown> {
  const prefix = c.fqdnSubdomain ?? c.dnsPrefix ?? c.name;
  const host = `${prefix}-${c.fqdnSuffix}`;
  const fqdn = `${host}.hcp.${c.location}.azmk8s.io`;
  const access = c.apiServerAccessProfile;
  const props: Record<string, unknown> = {
    agentPoolProfiles: c.pools.map((p) => ({ name: p.name, ...poolProperties(p, c.powerState) })),
    azurePortalFQDN: `${host}.portal.hcp.${c.location}.azmk8s.io`,
    currentKubernetesVersion: c.currentKubernetesVersion,
    disableLocalAccounts: c.disableLocalAccounts,
    enableRBAC: c.enableRBAC,
    kubernetesVersion: c.kubernetesVersion,
    linuxProfile: {
      adminUsername: 'azureuser',
      ssh: { publicKeys: [{ keyData: 'ssh-rsa AAAAB3NzaC1yc2E simulated' }] },
    },
    maxAgentPools: 100,
    networkProfile: networkProfileOf(c),
    nodeResourceGroup: `MC_${c.resourceGroup}_${c.name}_${c.location}`,
    powerState: { code: c.powerState },
    provisioningState: c.provisioningState,
    servicePrincipalProfile: { clientId: 'msi' },
    supportPlan: c.supportPlan,
  };
  // A private cluster answers on its private FQDN; the public one only when asked for.
  if (c.fqdnSubdomain !== undefined) props['fqdnSubdomain'] = c.fqdnSubdomain;
  else props['dnsPrefix'] = c.dnsPrefix ?? c.name;
  if (access?.enablePrivateCluster) {
    props['privateFQDN'] = `${host}.${privateZoneName(c)}`;
    if (access.enablePrivateClusterPublicFqdn) props['fqdn'] = fqdn;
  } else {
    props['fqdn'] = fqdn;
  }
  if (c.publicNetworkAccess !== undefined) props['publicNetworkAccess'] = c.publicNetworkAccess;
  if (c.aadProfile) props['aadProfile'] = { ...c.aadProfile };
  if (c.apiServerAccessProfile) props['apiServerAccessProfile'] = { ...c.apiServerAccessProfile };
  if (c.autoUpgradeProfile) props['autoUpgradeProfile'] = { ...c.autoUpgradeProfile };
  if (c.defender) {
    const defender: Record<string, unknown> = {
      securityMonitoring: { enabled: c.defender.enabled },
    };
    if (c.defender.logAnalyticsWorkspaceResourceId) {
      defender['logAnalyticsWorkspaceResourceId'] = c.defender.logAnalyticsWorkspaceResourceId;
    }
    props['securityProfile'] = { defender };
  }
  if (c.upgradeOverride) props['upgradeSettings'] = { overrideSettings: { ...c.upgradeOverride } };
  if (c.provisioningError) props['status'] = { provisioningError: c.provisioningError };
  return {
    name: c.name,
    type: 'Microsoft.ContainerService/managedClusters',
    eTag: c.eTag,
    id: clusterId(c),
    identity: {
      type: 'SystemAssigned',
      principalId: '00000000-0000-0000-0000-00000000a1b2',
      tenantId: c.aadProfile?.tenantID ?? '00000000-0000-0000-0000-000000000000',
    },
    location: c.location,
    properties: props,
    sku: { name: c.sku?.name ?? 'Base', tier: c.sku?.tier ?? 'Free' },
    tags: c.tags ?? {},
  };
}

/** The private DNS zone's name: the custom zone's, or AKS's own `privatelink` one. */
function privateZoneName(c: ClusterState): string {
  const zone = c.apiServerAccessProfile?.privateDNSZone;
  if (zone && zone.includes('/')) return zone.split('/').pop()!;
  return `${c.fqdnSuffix}.privatelink.${c.location}.azmk8s.io`;
}

function networkProfileOf(c: ClusterState): Record<string, unknown> {
  const n = c.networkProfile;
  const out: Record<string, unknown> = {
    dnsServiceIP: '10.0.0.10',
    ipFamilies: n.ipFamilies ?? ['IPv4'],
    loadBalancerProfile: {
      allocatedOutboundPorts: 0,
      effectiveOutboundIPs: [
        {
          id: `/subscriptions/${c.subscriptionId}/resourceGroups/MC_${c.resourceGroup}_${c.name}_${c.location}/providers/Microsoft.Network/publicIPAddresses/mgdoutboundip1`,
        },
      ],
      idleTimeoutInMinutes: 30,
      outboundIPs: { publicIPs: [] },
    },
    loadBalancerSku: 'standard',
    networkPlugin: n.networkPlugin,
    outboundType: 'loadBalancer',
    podCidr: '10.244.0.0/16',
    podCidrs: ['10.244.0.0/16'],
    serviceCidr: '10.0.0.0/16',
    serviceCidrs: ['10.0.0.0/16'],
  };
  if (n.networkPluginMode) out['networkPluginMode'] = n.networkPluginMode;
  out['networkPolicy'] = n.networkPolicy ?? 'none';
  if (n.networkDataplane) out['networkDataplane'] = n.networkDataplane;
  return out;
}

/** `AgentPool` on the wire (fixture `AgentPoolsGet`). */
export function agentPoolWire(c: ClusterState, p: PoolState): Record<string, unknown> {
  return {
    name: p.name,
    type: 'Microsoft.ContainerService/managedClusters/agentPools',
    id: `${clusterId(c)}/agentPools/${p.name}`,
    properties: poolProperties(p, c.powerState),
  };
}

/** `ManagedClusterUpgradeProfile` (fixture `ManagedClustersGetUpgradeProfile`). */
export function clusterUpgradeProfileWire(
  c: ClusterState,
  versions: KubernetesVersionSpec[],
): Record<string, unknown> {
  return {
    name: 'default',
    type: 'Microsoft.ContainerService/managedClusters/upgradeprofiles',
    id: `${clusterId(c)}/upgradeprofiles/default`,
    properties: {
      agentPoolProfiles: c.pools.map((p) => ({
        name: p.name,
        kubernetesVersion: p.currentOrchestratorVersion,
        osType: p.osType,
        upgrades: upgradeList(versions, p.currentOrchestratorVersion),
      })),
      controlPlaneProfile: {
        name: 'master',
        kubernetesVersion: c.currentKubernetesVersion,
        osType: 'Linux',
        upgrades: upgradeList(versions, c.currentKubernetesVersion),
      },
    },
  };
}

/** `AgentPoolUpgradeProfile` (fixture `AgentPoolsGetUpgradeProfile`): pool upgrades stop at the control plane. */
export function poolUpgradeProfileWire(
  c: ClusterState,
  p: PoolState,
  versions: KubernetesVersionSpec[],
): Record<string, unknown> {
  const cp = c.currentKubernetesVersion;
  const upgrades = upgradeList(versions, p.currentOrchestratorVersion).filter(
    (u) => u.kubernetesVersion.localeCompare(cp, undefined, { numeric: true }) <= 0,
  );
  return {
    name: 'default',
    type: 'Microsoft.ContainerService/managedClusters/agentPools/upgradeProfiles',
    id: `${clusterId(c)}/agentPools/${p.name}/upgradeprofiles/default`,
    properties: {
      kubernetesVersion: p.currentOrchestratorVersion,
      latestNodeImageVersion: p.latestNodeImageVersion,
      osType: p.osType,
      upgrades,
    },
  };
}
