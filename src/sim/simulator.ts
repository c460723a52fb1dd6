import { issueClientCertificate, makeCertificates } from './cert.js';
import { SimClock } from './clock.js';
import type { KubeWorld } from './contracts.js';
import { HttpsSim } from './server.js';
import type { RequestLog } from './request-log.js';
import { createKubeApi } from './kube/index.js';
import { createAks, type Aks } from './arm/index.js';
import { managedAdminBindings } from './arm/managed-rbac.js';
import { loadScenario, type Scenario } from './scenario.js';
import { installFaults, type FaultSpec } from './faults.js';
import type { SimDataPlane } from './kube/dataplane.js';
import { registerGraph } from './graph/index.js';
import { azureRbacAuthorizer } from './arm/azure-authorizer.js';
import type { SimCertificates } from './cert.js';
import { TokenTable } from './tokens.js';
import { routeToClusters, type ClusterRoute } from './multi/front.js';
import { registerResourceGraph } from './resource-graph/routes.js';
import { graphRows } from './resource-graph/rows.js';
import { registerFleets } from './fleet/routes.js';
import type { FleetState } from './fleet/state.js';

export interface SimulatorOptions {
  /** A built-in scenario name (`demo`, `large`, ...), a path to a scenario folder or file, or a loaded scenario. */
  scenario?: string | Scenario;
  /** Port on 127.0.0.1; 0 or absent picks a free one. */
  port?: number;
  /** Simulated time runs this many times faster than the wall clock. */
  speed?: number;
  /** Faults to switch on, on top of the scenario's own. */
  faults?: FaultSpec;
}

/** Where the simulated cluster lives and how to reach it, ARM-style and kubeconfig-style. */
export interface Simulator {
  baseUrl: string;
  /** PEM of the throwaway CA that signed the server certificate; clients trust exactly this. */
  caCert: string;
  arm: {
    endpoint: string;
    subscriptionId: string;
    resourceGroup: string;
    name: string;
    location: string;
    /** A bearer token for ARM, handed to a local test credential (never a real Azure token). */
    token: string;
  };
  log: RequestLog;
  kube: KubeWorld;
  clock: SimClock;
  /** The loaded scenario (descriptor and Kubernetes objects). */
  scenario: Scenario;
  /** The AKS resource provider (its live state, for tests and the sim command). */
  aks: Aks;
  /**
   * Every cluster the simulator serves, this one first (one entry for a single-cluster scenario).
   * Each has its own API server (`baseUrl`); ARM for all of them is reached at this `arm.endpoint`.
   */
  clusters: Simulator[];
  /** Fleet Manager fleets of the scenario, live (tests read them). */
  fleets: FleetState[];
  /** The operator's kubeconfig (YAML, CA embedded), as listClusterUserCredential returns it. */
  userKubeconfig(): string;
  /** Expires every token now (tests of token expiry). */
  expireTokens(): void;
  /**
   * Holds the requests `match` picks before they are processed (tests of a client that dies
   * mid-change): `reached` resolves when the first arrives; `release` lets them through, `drop`
   * resets their connections unprocessed.
   */
  hold(match: (method: string, path: string, query: URLSearchParams) => boolean): HeldRequest;
  close(): Promise<void>;
}

/** A request the simulator is holding; see `Simulator.hold`. */
export interface HeldRequest {
  reached: Promise<void>;
  release(): void;
  drop(): void;
}

/** Starts the simulated AKS cluster(s) on loopback HTTPS and returns how to reach them. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const scenario =
    typeof options.scenario === 'object'
      ? options.scenario
      : await loadScenario(options.scenario ?? 'demo');
  // One clock, one CA and one token table for every cluster: an ARM token works on each of them.
  const shared: Shared = {
    certificates: await makeCertificates(),
    clock: new SimClock(options.speed ?? scenario.descriptor.clockSpeed ?? 1),
    tokens: new TokenTable(),
  };
  const primary = await startCluster(scenario, shared, options);
  const clusters: Array<Simulator & { https: HttpsSim }> = [primary];
  const closeAll = async (): Promise<void> => {
    shared.clock.stop();
    await Promise.all(clusters.map((c) => c.close()));
  };
  try {
    for (const member of scenario.members ?? []) {
      const faults = options.faults ? { faults: options.faults } : {};
      clusters.push(await startCluster(member, shared, faults));
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  // The first cluster's port is the one ARM endpoint: it hands other clusters' requests over.
  const front = primary.https;
  if (clusters.length > 1) routeToClusters(front, clusters.map(clusterRoute));
  const role = scenario.descriptor.operator.armRole;
  const fleets = registerFleets(front, scenario.fleets ?? [], {
    clock: shared.clock,
    clusters: () => clusters.map((c) => c.aks),
    role,
  });
  registerResourceGraph(front.arm, () =>
    graphRows(
      clusters.map((c) => c.aks),
      fleets,
      role !== 'none',
    ),
  );
  return { ...primary, clusters, fleets, close: closeAll };
}

/** What each cluster shares with the others of one simulator. */
interface Shared {
  certificates: SimCertificates;
  clock: SimClock;
  tokens: TokenTable;
}

function clusterRoute(c: Simulator & { https: HttpsSim }): ClusterRoute {
  return { ...c.arm, https: c.https };
}

/** One cluster: its own API server on its own port, its ARM routes, nodes and objects. */
async function startCluster(
  scenario: Scenario,
  shared: Shared,
  options: Pick<SimulatorOptions, 'port' | 'faults'>,
): Promise<Simulator & { https: HttpsSim }> {
  const { certificates, clock, tokens } = shared;
  const https = new HttpsSim({
    certificates,
    tokens,
    ...(options.port ? { port: options.port } : {}),
  });
  // The API server reports the control plane's version, which the AKS side owns and upgrades.
  let controlPlane = (): string => scenario.descriptor.cluster.kubernetesVersion;
  const faults: FaultSpec = { ...scenario.descriptor.faults, ...options.faults };
  // The engine is the cluster's network profile, which the AKS side holds (and may change).
  let network = (): NetworkProfile => scenario.descriptor.cluster.networkProfile;
  const kubeApi = createKubeApi({
    clock,
    minor: scenario.descriptor.kubernetesMinor,
    tokens: https.tokens,
    serverVersion: () => controlPlane(),
    dataPlane: () => dataPlaneOf(network(), faults),
    ...(scenario.descriptor.deprecatedApis
      ? { deprecatedApis: scenario.descriptor.deprecatedApis }
      : {}),
  });
  const baseUrl = await https.listen();
  const aks = createAks({
    clock,
    kube: kubeApi.world,
    scenario,
    https,
    caCert: certificates.caCert,
    faults,
    masterClient: await issueClientCertificate(certificates, 'masterclient', ['system:masters']),
  });
  controlPlane = () => aks.state.currentKubernetesVersion;
  network = () => aks.state.networkProfile;
  // Nodes first, so the scenario's pods have somewhere to be scheduled when they load.
  aks.createNodes();
  kubeApi.world.load([...managedAdminBindings(scenario.descriptor), ...scenario.objects]);
  kubeApi.register(https);
  aks.register(https);
  const directory = registerGraph(https, scenario.descriptor.entra);
  // With Azure RBAC on, the API server also asks Azure (role assignments), as on AKS.
  kubeApi.context.authz.webhook = azureRbacAuthorizer(
    aks.roleAssignments,
    directory,
    aks.roleAssignments.scopeOf('cluster'),
    () => aks.state.aadProfile?.enableAzureRBAC === true,
  );
  installFaults(https, faults, clock);
  const { user, groups } = scenario.descriptor.operator;
  const armToken = https.tokens.issue({ user, groups, audience: 'arm' });
  const self: Simulator & { https: HttpsSim } = {
    baseUrl,
    caCert: certificates.caCert,
    arm: { endpoint: baseUrl, ...aks.coordinates, token: armToken },
    log: https.log,
    kube: kubeApi.world,
    clock,
    scenario,
    aks,
    clusters: [],
    fleets: [],
    https,
    userKubeconfig: () => aks.userKubeconfig(),
    expireTokens: () => https.tokens.expireAll(),
    hold: (match) => holdRequest(https, match),
    close: () => https.close(),
  };
  self.clusters = [self];
  return self;
}

type NetworkProfile = Scenario['descriptor']['cluster']['networkProfile'];

/** The engine enforcing policies: Cilium by dataplane or policy, else the network policy. */
function dataPlaneOf(profile: NetworkProfile, faults: FaultSpec): SimDataPlane {
  const engine =
    profile.networkDataplane === 'cilium' || profile.networkPolicy === 'cilium'
      ? 'cilium'
      : (profile.networkPolicy ?? 'none');
  return { engine, ...(faults.dataPlaneIgnoresExcept ? { ignoresExcept: true } : {}) };
}

function holdRequest(
  https: HttpsSim,
  match: (method: string, path: string, query: URLSearchParams) => boolean,
): HeldRequest {
  let arrived = (): void => undefined;
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  let answer: (outcome: 'release' | 'drop') => void = () => undefined;
  const decided = new Promise<'release' | 'drop'>((resolve) => (answer = resolve));
  // First in line, so held requests are neither faulted nor processed until decided; every
  // matching request waits (a client may send several at once), and later ones follow the decision.
  https.interceptors.unshift(async (req) => {
    if (!match(req.method, req.path, req.query)) return undefined;
    arrived();
    return (await decided) === 'drop' ? 'reset' : undefined;
  });
  return { reached, release: () => answer('release'), drop: () => answer('drop') };
}
