import type { Router, SimRequest, SimResponse } from '../http.js';
import { armError } from '../server.js';
import { guard, refuse, type ArmRole } from './guards.js';
import type { Provider } from './provider.js';
import { putPreconditions } from './put-preconditions.js';
import { abort, MC } from './routes-cluster.js';
import { busyRefusal, checkPoolVersion } from './rules.js';
import type { PoolState } from './state.js';
import { agentPoolWire, clusterId, poolUpgradeProfileWire } from './wire.js';
import { allPatches, isPreviewVersion } from './versions.js';

const AP = `${MC}/agentPools/{agentPoolName}`;

/** The subset of a PUT AgentPool body the simulator acts on. */
interface PoolBody {
  properties?: {
    orchestratorVersion?: string;
    upgradeSettings?: PoolState['upgradeSettings'];
    nodeImageVersion?: string;
  };
}

/** Registers the agentPools endpoints. */
export function registerPoolRoutes(router: Router, provider: Provider, role: ArmRole): void {
  const c = provider.cluster;
  const versions = provider.descriptor.kubernetesVersions;
  const withPool =
    (need: 'read' | 'write', fn: (req: SimRequest, pool: PoolState) => SimResponse) =>
    (req: SimRequest) => {
      const refused = guard(req, c, role, need, 'cluster');
      if (refused) return refused;
      const pool = provider.pool(req.params['agentPoolName'] ?? '');
      if (!pool) {
        return armError(
          404,
          'NotFound',
          `Could not find agent pool ${req.params['agentPoolName'] ?? ''} in managed cluster ${c.name}.`,
        );
      }
      return fn(req, pool);
    };
  router.on(
    'GET',
    `${MC}/agentPools`,
    (req) =>
      guard(req, c, role, 'read', 'cluster') ?? {
        status: 200,
        body: { value: c.pools.map((p) => agentPoolWire(c, p)) },
      },
  );
  router.on(
    'GET',
    `${MC}/availableAgentPoolVersions`,
    (req) =>
      guard(req, c, role, 'read', 'cluster') ?? {
        status: 200,
        body: {
          id: `${clusterId(c)}/availableagentpoolversions`,
          name: 'default',
          type: 'Microsoft.ContainerService/managedClusters/availableAgentPoolVersions',
          properties: {
            agentPoolVersions: allPatches(versions).map((kubernetesVersion) => ({
              kubernetesVersion,
              isPreview: isPreviewVersion(versions, kubernetesVersion),
            })),
          },
        },
      },
  );
  router.on(
    'GET',
    AP,
    withPool('read', (_req, p) => ({ status: 200, body: agentPoolWire(c, p) })),
  );
  router.on(
    'GET',
    `${AP}/upgradeProfiles/default`,
    withPool('read', (_req, p) => ({ status: 200, body: poolUpgradeProfileWire(c, p, versions) })),
  );
  router.on(
    'PUT',
    AP,
    withPool('write', (req, p) => putPool(req, provider, p)),
  );
  router.on(
    'POST',
    `${AP}/upgradeNodeImageVersion`,
    withPool('write', (req, p) => upgradeNodeImage(req, provider, p)),
  );
  router.on(
    'POST',
    `${AP}/abort`,
    withPool('write', (req, p) => abort(req, provider, p.name)),
  );
}

function putPool(req: SimRequest, provider: Provider, p: PoolState): SimResponse {
  const c = provider.cluster;
  const checked = putPreconditions<PoolBody>(req, provider, {
    eTag: p.eTag,
    what: `agent pool ${p.name}`,
  });
  if ('refused' in checked) return checked.refused;
  const props = checked.body.properties;
  const to = props.orchestratorVersion || p.orchestratorVersion;
  const refusal = checkPoolVersion(
    provider.descriptor.kubernetesVersions,
    p.name,
    p.currentOrchestratorVersion,
    to,
    c.currentKubernetesVersion,
  );
  if (refusal) return refuse(refusal);
  if (props.upgradeSettings) {
    // Settings travel with the PUT and apply to the upgrade it may start.
    p.upgradeSettings = { ...p.upgradeSettings, ...props.upgradeSettings };
  }
  if (to !== p.currentOrchestratorVersion || p.provisioningState === 'Failed') {
    const op = provider.upgradePool(p, to);
    return {
      status: 201,
      headers: provider.ops.headers(op, false, req.query.get('api-version')),
      body: agentPoolWire(c, p),
    };
  }
  if (props.upgradeSettings) {
    const op = provider.update(() => undefined, p);
    return {
      status: 201,
      headers: provider.ops.headers(op, false, req.query.get('api-version')),
      body: agentPoolWire(c, p),
    };
  }
  return { status: 200, body: agentPoolWire(c, p) };
}

/** POST upgradeNodeImageVersion: 304 when already on the latest image (as the service answers), else 202. */
function upgradeNodeImage(req: SimRequest, provider: Provider, p: PoolState): SimResponse {
  const busy = provider.busy();
  if (busy) return refuse(busyRefusal(busy.what, busy.pool));
  if (p.type === 'AvailabilitySet') {
    return armError(
      400,
      'OperationNotAllowed',
      'Node image upgrade only operation can only be applied on VirtualMachineScaleSets or VirtualMachines agent pools.',
    );
  }
  if (p.nodeImageVersion === p.latestNodeImageVersion && p.provisioningState !== 'Failed') {
    return { status: 304 };
  }
  const op = provider.upgradeNodeImage(p);
  op.result = () => agentPoolWire(provider.cluster, p);
  return {
    status: 202,
    headers: provider.ops.headers(op, true, req.query.get('api-version')),
    body: agentPoolWire(provider.cluster, p),
  };
}
