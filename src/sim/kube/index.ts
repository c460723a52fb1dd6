import type { SimClock } from '../clock.js';
import type { KubeWorld } from '../contracts.js';
import type { HttpsSim } from '../server.js';
import type { TokenTable } from '../tokens.js';
import { builtinObjects } from './builtin-rbac.js';
import type { KubeContext } from './context.js';
import { Controllers } from './controllers.js';
import { Evictor } from './eviction.js';
import { DisruptionController } from './pdb-status.js';
import { PodLifecycle, type Timings } from './pods.js';
import { Authorizer } from './rbac.js';
import { registerRoutes } from './routes.js';
import { Store } from './store.js';
import { World } from './world.js';
import { connectProbeOf, runConnectProbe } from './connect-probe.js';
import { batchRun } from './job-controller.js';
import type { SimDataPlane } from './dataplane.js';
import { DeprecatedApiLog, type SeenBefore } from './deprecated-apis.js';

export interface KubeApiOptions {
  clock: SimClock;
  minor: string;
  tokens: TokenTable;
  /** The control plane's version (`1.31.8`) as `/version` reports it; it changes on upgrade. */
  serverVersion?: () => string;
  /** How fast pods come and go, in simulated milliseconds (defaults: ready 5 s, replace 2 s). */
  timings?: Partial<Timings>;
  /** The policy engine the cluster runs now (the AKS side owns it); calico when not given. */
  dataPlane?: () => SimDataPlane;
  /** How many changes watches can resume across (the watch cache); DEFAULT_HISTORY when absent. */
  watchHistory?: number;
  /** Whether deprecated versions are served, and the uses clients made before the session. */
  deprecatedApis?: { serve: boolean; requested: SeenBefore[] };
}

/** Builds the simulated Kubernetes API server: a world the AKS side drives, and its HTTP routes. */
export function createKubeApi(options: KubeApiOptions): {
  world: KubeWorld;
  register(https: HttpsSim): void;
  /** Internals for tests and tools (store, controllers); not part of the seam with the AKS half. */
  context: KubeContext;
} {
  const { clock } = options;
  const store = new Store(clock, options.watchHistory);
  const pods = new PodLifecycle(store, clock, {
    readyMs: 5000,
    replaceMs: 2000,
    ...options.timings,
  });
  // Connect probes run against the data plane as it is when their container starts; a Job's
  // other containers run a while and succeed.
  pods.runner = (pod) => {
    const probe = connectProbeOf(pod);
    const plane = options.dataPlane?.() ?? { engine: 'calico' };
    return probe ? runConnectProbe(store, plane, pod, probe) : batchRun(pod);
  };
  const controllers = new Controllers(store, clock, pods);
  const disruption = new DisruptionController(store, clock);
  const evictor = new Evictor(store, clock, pods);
  const authz = new Authorizer(store);
  const deprecated = new DeprecatedApiLog(
    clock,
    options.deprecatedApis?.serve ?? false,
    options.deprecatedApis?.requested,
  );
  const context: KubeContext = {
    store,
    clock,
    pods,
    controllers,
    disruption,
    evictor,
    authz,
    deprecated,
    engine: () => (options.dataPlane?.() ?? { engine: 'calico' }).engine,
  };
  const world = new World(context, options.minor);
  world.load(builtinObjects());
  return {
    world,
    context,
    register(https: HttpsSim): void {
      const version = options.serverVersion ?? (() => `1.${options.minor}.4`);
      registerRoutes(https.kube, context, version);
    },
  };
}
