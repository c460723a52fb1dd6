import type { Aks } from '../arm/index.js';
import type { ArmRole } from '../arm/guards.js';
import { newETag } from '../arm/state.js';
import type { SimClock } from '../clock.js';
import { jsonBody, type SimRequest, type SimResponse } from '../http.js';
import { armError, type HttpsSim } from '../server.js';
import { startRun, stopRun, type EngineDeps } from './engine.js';
import { FLEET_OPERATIONS, FleetOperations } from './operations.js';
import { skipTargets, type SkipTarget } from './skip.js';
import type { FleetSpec } from './spec.js';
import { fleetStateOf, type FleetState, type RunState } from './state.js';
import { fleetWire, membersWire, runWire, strategyWire } from './wire.js';
import { deleteStrategy, putStrategy } from './strategies.js';
import { putRun } from './put-run.js';
import { apiVersionRefusal, apiVersions } from '../arm/api-versions.js';

/** API versions of Microsoft.ContainerService/fleets the simulator serves. */
const VERSIONS = ['2024-04-01', '2025-03-01'];
const SERVED = apiVersions(VERSIONS);
const RP = '/providers/Microsoft.ContainerService';
const FLEET = `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}${RP}/fleets/{fleetName}`;
const RUN = `${FLEET}/updateRuns/{updateRunName}`;

export interface FleetDeps {
  clock: SimClock;
  clusters: () => Aks[];
  role: ArmRole;
}

/**
 * Azure Kubernetes Fleet Manager on the simulator's ARM endpoint: fleets, members, update
 * strategies and update runs (create, start, stop, skip as long-running operations), each member's
 * update going through its cluster's own simulated upgrade.
 */
export function registerFleets(front: HttpsSim, specs: FleetSpec[], deps: FleetDeps): FleetState[] {
  const fleets = specs.map(fleetStateOf);
  const ops = new FleetOperations(() => front.baseUrl);
  const engine: EngineDeps = {
    clock: deps.clock,
    clusterOf: (id) => deps.clusters().find((a) => sameId(clusterIdOf(a), id)),
  };
  const r = front.arm;
  const withFleet =
    (
      need: 'read' | 'write',
      handler: (req: SimRequest, f: FleetState) => SimResponse | Promise<SimResponse>,
    ) =>
    (req: SimRequest): SimResponse | Promise<SimResponse> => {
      const refused = check(req, need, deps.role);
      if (refused) return refused;
      const f = fleets.find(
        (x) =>
          same(x.spec.subscriptionId, req.params['subscriptionId']) &&
          same(x.spec.resourceGroup, req.params['resourceGroupName']) &&
          same(x.spec.name, req.params['fleetName']),
      );
      if (!f) return notFound('fleets', req.params['fleetName']);
      return handler(req, f);
    };
  const list = (scope: (f: FleetState, req: SimRequest) => boolean) => (req: SimRequest) =>
    check(req, 'read', deps.role) ?? {
      status: 200,
      body: { value: fleets.filter((f) => scope(f, req)).map(fleetWire) },
    };
  r.on(
    'GET',
    `/subscriptions/{subscriptionId}${RP}/fleets`,
    list((f, q) => same(f.spec.subscriptionId, q.params['subscriptionId'])),
  );
  r.on(
    'GET',
    `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}${RP}/fleets`,
    list(
      (f, q) =>
        same(f.spec.subscriptionId, q.params['subscriptionId']) &&
        same(f.spec.resourceGroup, q.params['resourceGroupName']),
    ),
  );
  r.on(
    'GET',
    FLEET,
    withFleet('read', (_q, f) => ({ status: 200, body: fleetWire(f) })),
  );
  r.on(
    'GET',
    `${FLEET}/members`,
    withFleet('read', (_q, f) => ({ status: 200, body: { value: membersWire(f) } })),
  );
  r.on(
    'GET',
    `${FLEET}/members/{memberName}`,
    withFleet('read', (q, f) => {
      const m = membersWire(f).find((x) => same(String(x['name']), q.params['memberName']));
      return m ? { status: 200, body: m } : notFound('members', q.params['memberName']);
    }),
  );
  r.on(
    'GET',
    `${FLEET}/updateStrategies`,
    withFleet('read', (_q, f) => ({
      status: 200,
      body: { value: [...f.strategies.keys()].map((n) => strategyWire(f, n)) },
    })),
  );
  r.on(
    'GET',
    `${FLEET}/updateStrategies/{strategyName}`,
    withFleet('read', (q, f) => {
      const name = [...f.strategies.keys()].find((n) => same(n, q.params['strategyName']));
      const s = name ? strategyWire(f, name) : undefined;
      return s ? { status: 200, body: s } : notFound('updateStrategies', q.params['strategyName']);
    }),
  );
  r.on(
    'PUT',
    `${FLEET}/updateStrategies/{strategyName}`,
    withFleet('write', (q, f) => {
      const name = q.params['strategyName'] ?? '';
      const put = putStrategy(q, f, name);
      if (!('stages' in put)) return put;
      const stored = [...f.strategies.keys()].find((n) => same(n, name)) ?? name;
      // Stored at once; the answer still carries Azure-AsyncOperation, as Fleet Manager's PUTs do.
      return ops.accepted(
        ops.start(Promise.resolve()),
        where(f, q),
        put.status,
        strategyWire(f, stored),
      );
    }),
  );
  r.on(
    'DELETE',
    `${FLEET}/updateStrategies/{strategyName}`,
    withFleet('write', (q, f) => deleteStrategy(q, f, q.params['strategyName'] ?? '')),
  );
  r.on(
    'GET',
    `${FLEET}/updateRuns`,
    withFleet('read', (_q, f) => ({
      status: 200,
      body: { value: [...f.runs.values()].map((run) => runWire(f, run)) },
    })),
  );
  r.on(
    'GET',
    RUN,
    withFleet('read', (q, f) => {
      const run = runOf(f, q);
      return run
        ? { status: 200, body: runWire(f, run) }
        : notFound('updateRuns', q.params['updateRunName']);
    }),
  );
  r.on(
    'PUT',
    RUN,
    withFleet('write', (q, f) => {
      const put = putRun(q, f);
      if (!('run' in put)) return put;
      // Stored at once; the answer still carries Azure-AsyncOperation, as Fleet Manager's PUTs do.
      return ops.accepted(
        ops.start(Promise.resolve()),
        where(f, q),
        put.status,
        runWire(f, put.run),
      );
    }),
  );
  r.on(
    'DELETE',
    RUN,
    withFleet('write', (q, f) => {
      const run = runOf(f, q);
      if (!run) return { status: 204 };
      if (['Running', 'Stopping'].includes(run.status.state))
        return armError(
          409,
          'Conflict',
          `Update run ${run.name} is ${run.status.state}; stop it before deleting it.`,
        );
      f.runs.delete(run.name);
      return { status: 200 };
    }),
  );
  const action = (
    name: 'start' | 'stop' | 'skip',
    act: (run: RunState, q: SimRequest) => SimResponse | Promise<void>,
  ): void => {
    r.on(
      'POST',
      `${RUN}/${name}`,
      withFleet('write', (q, f) => {
        const run = runOf(f, q);
        if (!run) return notFound('updateRuns', q.params['updateRunName']);
        const ifMatch = q.headers['if-match'];
        if (
          typeof ifMatch === 'string' &&
          ifMatch !== '*' &&
          ifMatch.replace(/"/g, '') !== run.eTag
        )
          return armError(
            412,
            'PreconditionFailed',
            `The eTag ${ifMatch} does not match the update run's.`,
          );
        const outcome = act(run, q);
        if (!(outcome instanceof Promise)) return outcome;
        run.eTag = newETag();
        const op = ops.start(outcome);
        return ops.accepted(
          op,
          where(f, q, `${f.id}/updateRuns/${run.name}`),
          202,
          runWire(f, run),
        );
      }),
    );
  };
  action('start', (run) => {
    if (!['NotStarted', 'Stopped', 'Failed'].includes(run.status.state))
      return armError(
        409,
        'Conflict',
        `Update run ${run.name} is ${run.status.state} and cannot be started.`,
      );
    startRun(run, engine);
    return Promise.resolve();
  });
  action('stop', (run) => {
    if (!['Running', 'Stopping'].includes(run.status.state))
      return armError(
        409,
        'Conflict',
        `Update run ${run.name} is ${run.status.state}; only a running update run can be stopped.`,
      );
    return stopRun(run, engine);
  });
  action('skip', (run, q) => {
    const body = jsonBody<{ targets?: SkipTarget[] }>(q);
    const refused = skipTargets(run, body?.targets ?? [], deps.clock);
    return refused ? armError(400, 'BadRequest', refused) : Promise.resolve();
  });
  r.on(
    'GET',
    `/subscriptions/{subscriptionId}${RP}/locations/{location}/${FLEET_OPERATIONS}/{operationId}`,
    (q) => {
      return (
        check(q, 'read', deps.role) ??
        ops.poll(q.params['operationId'] ?? '') ??
        notFound('operations', q.params['operationId'])
      );
    },
  );
  return fleets;
}

function where(f: FleetState, q: SimRequest, resourcePath?: string) {
  return {
    subscriptionId: f.spec.subscriptionId,
    location: f.spec.location,
    apiVersion: q.query.get('api-version') ?? VERSIONS.at(-1)!,
    ...(resourcePath ? { resourcePath } : {}),
  };
}

function runOf(f: FleetState, q: SimRequest): RunState | undefined {
  return [...f.runs.values()].find((run) => same(run.name, q.params['updateRunName']));
}

/** api-version, then the caller's role (ARM's front-door order). */
function check(req: SimRequest, need: 'read' | 'write', role: ArmRole): SimResponse | undefined {
  const refused = apiVersionRefusal(req, SERVED);
  if (refused) return refused;
  const allowed = need === 'read' ? role !== 'none' : role === 'owner' || role === 'contributor';
  if (allowed) return undefined;
  return armError(
    403,
    'AuthorizationFailed',
    `The client '${req.caller.user}' does not have authorization to perform action 'Microsoft.ContainerService/fleets/${need}' over scope '${req.path}'.`,
  );
}

function notFound(kind: string, name: string | undefined): SimResponse {
  return armError(
    404,
    'ResourceNotFound',
    `The Resource 'Microsoft.ContainerService/fleets/${kind}/${name ?? ''}' was not found.`,
  );
}

function same(a: string, b: string | undefined): boolean {
  return a.toLowerCase() === (b ?? '').toLowerCase();
}

function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function clusterIdOf(a: Aks): string {
  const c = a.coordinates;
  return `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${c.name}`;
}
