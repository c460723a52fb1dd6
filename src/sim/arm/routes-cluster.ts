import type { Router, SimRequest, SimResponse } from '../http.js';
import { armError } from '../server.js';
import { guard, refuse, type ArmRole } from './guards.js';
import type { Provider } from './provider.js';
import type { OverrideSettings } from './deprecated-block.js';
import { putPreconditions } from './put-preconditions.js';
import { patchClusterTags } from './update-tags.js';
import {
  checkAutoUpgradeControlPlaneOnly,
  checkControlPlaneUpgrade,
  checkPoolsLeftBehind,
  checkPoolVersion,
} from './rules.js';
import type { PoolState } from './state.js';
import { clusterUpgradeProfileWire, managedClusterWire } from './wire.js';
import { kubernetesVersionList } from './versions.js';

const RP = 'providers/Microsoft.ContainerService';
/** `{mc}` path pattern. */
export const MC = `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/${RP}/managedClusters/{resourceName}`;

/** Where the credential endpoints get their kubeconfigs. */
export interface Kubeconfigs {
  user(): string;
  admin(): string;
}

/** The subset of a PUT ManagedCluster body the simulator acts on (wire names). */
interface ClusterBody {
  properties?: {
    kubernetesVersion?: string;
    agentPoolProfiles?: Array<{ name?: string; orchestratorVersion?: string }>;
    securityProfile?: {
      defender?: {
        logAnalyticsWorkspaceResourceId?: string;
        securityMonitoring?: { enabled?: boolean };
      };
    };
    autoUpgradeProfile?: { upgradeChannel?: string; nodeOSUpgradeChannel?: string };
    apiServerAccessProfile?: { authorizedIPRanges?: string[] };
    disableLocalAccounts?: boolean;
    aadProfile?: { enableAzureRBAC?: boolean };
    upgradeSettings?: { overrideSettings?: OverrideSettings };
  };
  tags?: Record<string, string>;
}

/** Registers the managedClusters endpoints, the location-level versions list and operation polls. */
export function registerClusterRoutes(
  router: Router,
  provider: Provider,
  role: ArmRole,
  kubeconfigs: Kubeconfigs,
): void {
  const c = provider.cluster;
  const versions = provider.descriptor.kubernetesVersions;
  const ops = provider.ops;
  router.on(
    'GET',
    `/subscriptions/{subscriptionId}/${RP}/managedClusters`,
    (req) =>
      guard(req, c, role, 'read', 'subscription') ?? {
        status: 200,
        body: { value: [managedClusterWire(c)] },
      },
  );
  router.on(
    'GET',
    `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/${RP}/managedClusters`,
    (req) =>
      guard(req, c, role, 'read', 'group') ?? {
        status: 200,
        body: { value: [managedClusterWire(c)] },
      },
  );
  router.on(
    'GET',
    MC,
    (req) => guard(req, c, role, 'read', 'cluster') ?? { status: 200, body: managedClusterWire(c) },
  );
  router.on(
    'GET',
    `${MC}/upgradeProfiles/default`,
    (req) =>
      guard(req, c, role, 'read', 'cluster') ?? {
        status: 200,
        body: clusterUpgradeProfileWire(c, versions),
      },
  );
  // No planned maintenance is configured in the simulated clusters: AKS answers an empty page.
  router.on(
    'GET',
    `${MC}/maintenanceConfigurations`,
    (req) => guard(req, c, role, 'read', 'cluster') ?? { status: 200, body: { value: [] } },
  );
  router.on(
    'GET',
    `/subscriptions/{subscriptionId}/${RP}/locations/{location}/kubernetesVersions`,
    (req) =>
      guard(req, c, role, 'read', 'subscription') ?? {
        status: 200,
        body: kubernetesVersionList(versions),
      },
  );
  router.on(
    'POST',
    `${MC}/listClusterUserCredential`,
    (req) =>
      guard(req, c, role, 'userCredential', 'cluster') ??
      credentials('clusterUser', kubeconfigs.user()),
  );
  router.on('POST', `${MC}/listClusterAdminCredential`, (req) => {
    const refused = guard(req, c, role, 'adminCredential', 'cluster');
    if (refused) return refused;
    if (c.disableLocalAccounts) {
      return armError(
        400,
        'BadRequest',
        'Getting static credential is not allowed because this cluster is set to disable local accounts.',
      );
    }
    return credentials('clusterAdmin', kubeconfigs.admin());
  });
  router.on(
    'POST',
    `${MC}/abort`,
    (req) => guard(req, c, role, 'write', 'cluster') ?? abort(req, provider, undefined),
  );
  router.on(
    'PATCH',
    MC,
    (req) => guard(req, c, role, 'write', 'cluster') ?? patchClusterTags(req, provider),
  );
  router.on(
    'PUT',
    MC,
    (req) => guard(req, c, role, 'write', 'cluster') ?? putCluster(req, provider),
  );
  const loc = `/subscriptions/{subscriptionId}/${RP}/locations/{location}`;
  router.on(
    'GET',
    `${loc}/operationStatus/{operationId}`,
    (req) =>
      guard(req, c, role, 'read', 'subscription') ??
      ops.statusResponse(req.params['operationId'] ?? '') ??
      operationNotFound(req),
  );
  router.on(
    'GET',
    `${loc}/operations/{operationId}`,
    (req) =>
      guard(req, c, role, 'read', 'subscription') ??
      ops.locationResponse(req.params['operationId'] ?? '') ??
      operationNotFound(req),
  );
}

function operationNotFound(req: SimRequest): SimResponse {
  return armError(404, 'NotFound', `Operation ${req.params['operationId'] ?? ''} not found.`);
}

function credentials(name: string, kubeconfig: string): SimResponse {
  return {
    status: 200,
    body: { kubeconfigs: [{ name, value: Buffer.from(kubeconfig, 'utf8').toString('base64') }] },
  };
}

/** POST abort: 202 with polling headers while the latest operation stops; 409 when none runs. */
export function abort(req: SimRequest, provider: Provider, pool: string | undefined): SimResponse {
  const running = provider.busy();
  if (!running || (pool !== undefined && running.pool !== pool)) {
    return armError(
      409,
      'OperationNotAllowed',
      'There is no running operation to abort: the latest operation has already completed.',
    );
  }
  const op = provider.abort(running);
  return { status: 202, headers: provider.ops.headers(op, true, req.query.get('api-version')) };
}

function putCluster(req: SimRequest, provider: Provider): SimResponse {
  const c = provider.cluster;
  const checked = putPreconditions<ClusterBody>(req, provider, {
    eTag: c.eTag,
    what: 'the managed cluster',
  });
  if ('refused' in checked) return checked.refused;
  const p = checked.body.properties;
  const versions = provider.descriptor.kubernetesVersions;
  const to = p.kubernetesVersion || c.kubernetesVersion;
  const cpRefusal = checkControlPlaneUpgrade(versions, c.currentKubernetesVersion, to);
  if (cpRefusal) return refuse(cpRefusal);
  const blocked = provider.deprecatedApiBlock(to, p.upgradeSettings?.overrideSettings);
  if (blocked) return blocked;
  const pools: PoolState[] = [];
  for (const profile of p.agentPoolProfiles ?? []) {
    const pool = provider.pool(profile.name ?? '');
    if (
      !pool ||
      !profile.orchestratorVersion ||
      profile.orchestratorVersion === pool.orchestratorVersion
    )
      continue;
    const refusal = checkPoolVersion(
      versions,
      pool.name,
      pool.currentOrchestratorVersion,
      profile.orchestratorVersion,
      to,
    );
    if (refusal) return refuse(refusal);
    if (profile.orchestratorVersion !== to) {
      return armError(
        400,
        'OperationNotAllowed',
        `Upgrading agent pool ${pool.name} to ${profile.orchestratorVersion} together with the control plane to ${to} is not allowed: pools follow the control plane version.`,
      );
    }
    pools.push(pool);
  }
  const cpOnly = checkAutoUpgradeControlPlaneOnly(
    p.autoUpgradeProfile?.upgradeChannel ?? c.autoUpgradeProfile?.upgradeChannel,
    to !== c.currentKubernetesVersion,
    pools.length,
  );
  if (cpOnly) return refuse(cpOnly);
  // The pools this PUT does not upgrade stay where they are: the new control plane must keep them
  // within the allowed skew.
  const leftBehind = checkPoolsLeftBehind(
    c.pools.filter((x) => !pools.includes(x)),
    to,
  );
  if (leftBehind) return refuse(leftBehind);
  const reconcile = c.provisioningState === 'Failed';
  if (
    to !== c.currentKubernetesVersion ||
    pools.length > 0 ||
    (reconcile && to === c.kubernetesVersion)
  ) {
    // A failed cluster re-runs its upgrade at the same version: pools not yet on it are rolled again.
    const again = reconcile
      ? c.pools.filter(
          (x) => x.currentOrchestratorVersion !== to || x.provisioningState === 'Failed',
        )
      : [];
    // AKS keeps the override the PUT carried (forceUpgrade, until): a GET shows it, and it holds
    // for every upgrade started before its until time.
    const override = p.upgradeSettings?.overrideSettings;
    if (override) c.upgradeOverride = { ...override };
    const op = provider.upgradeCluster(to, [...new Set([...pools, ...again])]);
    return {
      status: 201,
      headers: provider.ops.headers(op, false, req.query.get('api-version')),
      body: managedClusterWire(c),
    };
  }
  // The ARM schema: the workspace is required whenever Defender is enabled (az creates or finds a
  // default one itself before it sends the PUT; the service does not choose one).
  const defender = p.securityProfile?.defender;
  if (defender?.securityMonitoring?.enabled === true && !defender.logAnalyticsWorkspaceResourceId)
    return armError(
      400,
      'InvalidParameter',
      'securityProfile.defender.logAnalyticsWorkspaceResourceId is required when Microsoft Defender is enabled.',
    );
  const apply = settingsChange(checked.body, provider);
  if (!apply) return { status: 200, body: managedClusterWire(c) };
  const op = provider.update(apply);
  return {
    status: 201,
    headers: provider.ops.headers(op, false, req.query.get('api-version')),
    body: managedClusterWire(c),
  };
}

/** The settings a PUT changes (Defender, auto-upgrade, access profile, ...), or undefined if none. */
function settingsChange(body: ClusterBody, provider: Provider): (() => void) | undefined {
  const c = provider.cluster;
  const p = body.properties ?? {};
  const changes: Array<() => void> = [];
  const defender = p.securityProfile?.defender;
  if (
    defender?.securityMonitoring?.enabled !== undefined &&
    defender.securityMonitoring.enabled !== (c.defender?.enabled ?? false)
  ) {
    const enabled = defender.securityMonitoring.enabled;
    const workspace = defender.logAnalyticsWorkspaceResourceId;
    changes.push(
      () =>
        (c.defender =
          enabled && workspace
            ? { enabled, logAnalyticsWorkspaceResourceId: workspace }
            : { enabled }),
    );
  }
  const auto = p.autoUpgradeProfile;
  const current: Record<string, unknown> = { ...c.autoUpgradeProfile };
  if (auto && Object.entries(auto).some(([k, v]) => v !== undefined && current[k] !== v)) {
    changes.push(
      () =>
        (c.autoUpgradeProfile = {
          ...c.autoUpgradeProfile,
          ...(auto as typeof c.autoUpgradeProfile),
        }),
    );
  }
  const ranges = p.apiServerAccessProfile?.authorizedIPRanges;
  if (
    ranges &&
    JSON.stringify(ranges) !== JSON.stringify(c.apiServerAccessProfile?.authorizedIPRanges ?? [])
  ) {
    changes.push(
      () =>
        (c.apiServerAccessProfile = { ...c.apiServerAccessProfile, authorizedIPRanges: ranges }),
    );
  }
  if (p.disableLocalAccounts !== undefined && p.disableLocalAccounts !== c.disableLocalAccounts) {
    const v = p.disableLocalAccounts;
    changes.push(() => (c.disableLocalAccounts = v));
  }
  const rbac = p.aadProfile?.enableAzureRBAC;
  if (rbac !== undefined && c.aadProfile && rbac !== c.aadProfile.enableAzureRBAC) {
    const aad = c.aadProfile;
    changes.push(() => (aad.enableAzureRBAC = rbac));
  }
  if (body.tags && JSON.stringify(body.tags) !== JSON.stringify(c.tags ?? {})) {
    const tags = body.tags;
    changes.push(() => (c.tags = tags));
  }
  return changes.length === 0 ? undefined : () => changes.forEach((f) => f());
}
