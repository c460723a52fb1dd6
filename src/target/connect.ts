import { KubeConfig } from '@kubernetes/client-node';
import { sameArmValue } from '../checks/arm-enums.js';
import type { TokenCredential } from '@azure/core-auth';
import { createContainerServiceClient } from '../azure/client.js';
import { createAuthorizationClient } from '../azure/authorization-client.js';
import { fetchUserKubeconfig, readArmCluster } from '../azure/cluster.js';
import { readArmPermissions, type PermissionsRead } from '../azure/permissions.js';
import { clusterIdOf, primeArmReads, type EarlyArmRead } from '../azure/shared-reads.js';
import { describeKubeError } from '../kube/errors.js';
import type { KubeRetryPolicy } from '../kube/retry.js';
import { withKubeWire } from '../kube/wire.js';
import { listAllNodes } from '../kube/nodes.js';
import { ReadBatch } from '../kube/read-batch.js';
import { primeKubeReads, primeNodes, type EarlyKubeRead } from '../kube/shared-reads.js';
import { readServerVersion } from '../kube/version.js';
import { clusterNameOf, summarizeCluster } from './summarize-cluster.js';
import { UserError } from '../model/errors.js';
import { redactUrlPasswords } from '../model/redact-url.js';
import { boundsFromEnv, type Bounds, type WaitNotice } from '../model/bounds.js';
import { boundedTokenCredential } from '../azure/bounded-request.js';
import { isGuid } from '../model/guid.js';
import type { WireMode } from '../model/session.js';
import { cloudEndpoints, type CloudName } from '../azure/clouds.js';
import { GraphDirectory } from '../graph/directory.js';
import type { DirectoryReader } from '../model/directory.js';
import type { Connection } from '../model/connection.js';
import { azureSignIn } from './credential.js';
import { afterFirstRequestsWritten } from './requests-out.js';
import { ConnectionRights } from './operator-rights.js';
import { withEntraTokens } from './entra-auth.js';
import { isKubelogin, loadKubeconfig } from './kubeconfig.js';
import { armCoordinates, type TargetOptions } from './options.js';
import { checkSameCluster } from './same-cluster.js';

/** What connect needs from outside; tests and the demo inject a local credential and endpoint. */
export interface ConnectDeps {
  env: NodeJS.ProcessEnv;
  /** The session's mode, enforced on every request: `--read-only` and `--dry-run` at the wire. */
  mode: WireMode;
  /** Defaults to the real Azure sign-in chain; never left to default in tests. */
  credential?: TokenCredential;
  /** ARM endpoint override and the CA to trust for it (the simulated cluster). */
  armEndpoint?: string;
  caCert?: string;
  /** Microsoft Graph endpoint override (the simulator, trusted with `caCert`); else the cloud's. */
  graphEndpoint?: string;
  /** Told what connect is doing, for the spinner. */
  onProgress?: (detail: string) => void;
  /** How Kubernetes reads are retried and bounded (default: `DEFAULT_KUBE_RETRY`). */
  kubeRetry?: KubeRetryPolicy;
  /** Time limits of requests and credentials, and the Retry-After cap (default: the env's). */
  bounds?: Bounds;
  /** Told of a retry wait long enough to show the operator. */
  onWait?: (wait: WaitNotice) => void;
  /** Ends every request of the connection at once when it aborts (the audit's time limit). */
  deadline?: AbortSignal;
  /**
   * Called once the first reads are on the wire: CPU work started then (loading the step
   * modules) runs while they wait on the network instead of holding them back.
   */
  onRequestsOut?: () => void;
  /**
   * Told the cluster's name (as its card will show it) once it is known, before the first
   * Kubernetes reads answer: the caller can open its journal while they are in flight.
   */
  onNamed?: (name: string) => void;
  /**
   * Reads the caller's steps will make that need nothing connect learns: sent with connect's own
   * first ARM reads and handed to the first read batch (`permissions` to the rights).
   */
  earlyReads?: (withArm: boolean) => readonly EarlyRead[];
}

/** A read `connect` can send early for the steps (see `ConnectDeps.earlyReads`). */
export type EarlyRead = EarlyArmRead | EarlyKubeRead | 'permissions';

/** Resolves the target and reads the cluster card. Every failure is a one-line `UserError`. */
export async function connect(target: TargetOptions, deps: ConnectDeps): Promise<Connection> {
  const progress = deps.onProgress ?? (() => undefined);
  const at = armCoordinates(target);
  const bounds = deps.bounds ?? boundsFromEnv(deps.env);
  // Every token request (ARM's, and Entra ID's for the API server) has the credential time limit.
  let credential = deps.credential && boundedTokenCredential(deps.credential, bounds.credentialMs);
  const signIn = async (): Promise<TokenCredential> =>
    (credential ??= boundedTokenCredential(
      await azureSignIn(target.cloud, deps.env),
      bounds.credentialMs,
    ));
  const onWait = deps.onWait ? { onWait: deps.onWait } : {};
  // Reads shared between steps are dropped as soon as anything was written, on either API.
  const reads = new ReadBatch();
  const onWrite = (): void => reads.forget();
  const deadline = deps.deadline ? { deadline: deps.deadline } : {};
  const early = deps.earlyReads?.(at !== undefined) ?? [];
  // Told once the first request is written; at the latest when connect's own reads are sent.
  const out = deps.onRequestsOut && afterFirstRequestsWritten(deps.onRequestsOut);

  let arm: Connection['arm'];
  let kc: KubeConfig;
  let contextName: string;
  let warnings: string[] = [];
  let directory: DirectoryReader | undefined;
  let permissions: Promise<PermissionsRead> | undefined;
  if (at && !isGuid(at.subscriptionId)) {
    // ARM would answer a vague 404 (or 400) for this; say what a subscription id looks like.
    throw new UserError(
      `"${at.subscriptionId}" is not a subscription id: one looks like 00000000-0000-0000-0000-000000000000 (az account list -o table)`,
    );
  }
  if (at) {
    progress(`Reading AKS cluster ${at.name} from Azure`);
    const armCredential = await signIn();
    const armConnection = {
      credential: armCredential,
      subscriptionId: at.subscriptionId,
      cloud: target.cloud,
      endpoint: deps.armEndpoint,
      caCert: deps.caCert,
      mode: deps.mode,
      bounds,
      onWrite,
      ...onWait,
      ...deadline,
    };
    const client = createContainerServiceClient(armConnection);
    const armEndpoint = deps.armEndpoint ?? cloudEndpoints(target.cloud).armEndpoint;
    // The credentials do not depend on the cluster read: both are asked at once.
    const ownKubeconfig = Boolean(target.kubeconfig || target.context);
    const credentials = ownKubeconfig ? undefined : fetchUserKubeconfig(client, at);
    // Its failure is reported below, after the cluster read's own (which says more).
    credentials?.catch(() => undefined);
    const authorization = createAuthorizationClient(armConnection);
    const reading = readArmCluster(client, at);
    reading.catch(() => undefined); // awaited just below
    primeArmReads(reads, { client, authorization, at }, reading, early);
    if (early.includes('permissions')) {
      permissions = readArmPermissions(client, armEndpoint, clusterIdOf(at));
      permissions.catch(() => undefined);
    }
    const facts = await reading;
    if (sameArmValue(facts.cluster.powerState?.code, 'Stopped')) {
      // A stopped cluster has no API server: say so instead of timing out against it.
      throw new UserError(
        `AKS cluster "${at.name}" is stopped, so its API server is not running; start it with "az aks start -g ${at.resourceGroup} -n ${at.name}" and connect again`,
      );
    }
    // The early reads that waited on this one (each pool's upgrade profile, the region's
    // versions) continue the longest chain of ARM reads: on the wire before the Kubernetes
    // client is built and its first reads are sent, not after.
    if (early.includes('version-reads')) await new Promise((resolve) => setImmediate(resolve));
    arm = {
      client,
      at,
      facts,
      endpoint: armEndpoint,
      token: async () =>
        (await armCredential.getToken(cloudEndpoints(target.cloud).armScope))?.token,
      authorization,
      wire: {
        credential: armCredential,
        cloud: target.cloud,
        ...(deps.caCert ? { caCert: deps.caCert } : {}),
      },
    };
    directory = directoryOf(await signIn(), target.cloud, deps, bounds.requestMs);
    if (!credentials) {
      ({ kc, contextName, warnings } = fromKubeconfig(target, deps.env));
      // Before any Kubernetes request: the context must be the cluster -g/-n name.
      const unchecked = await checkSameCluster(
        kc.getCurrentCluster()!.server,
        contextName,
        {
          name: at.name,
          cluster: facts.cluster,
          handedOut: () => fetchUserKubeconfig(client, at),
        },
        target.acceptContextMismatch === true,
      );
      if (unchecked) warnings = [...warnings, unchecked];
    } else {
      progress('Getting your cluster credentials');
      kc = new KubeConfig();
      kc.loadFromString(await credentials);
      contextName = kc.getCurrentContext();
    }
  } else {
    progress('Reading your kubeconfig');
    ({ kc, contextName, warnings } = fromKubeconfig(target, deps.env));
  }
  if (kc.getCurrentUser() && isKubelogin(kc.getCurrentUser()!)) {
    kc = withEntraTokens(kc, await signIn());
  }
  // Every request of every step goes through one path: the read-only/dry-run guard, then
  // bounded retries of reads (client-node itself neither retries nor times out).
  kc = withKubeWire(kc, {
    mode: deps.mode,
    bounds,
    onWrite,
    ...(deps.kubeRetry ? { retry: deps.kubeRetry } : {}),
    ...onWait,
    ...deadline,
  });
  // Shown on the card, in reports and in error lines: never with a password in it.
  const kubeServer = redactUrlPasswords(kc.getCurrentCluster()?.server ?? '(unknown server)');
  progress(`Talking to the API server at ${kubeServer}`);
  const first = Promise.all([readServerVersion(kc), listAllNodes(kc)]);
  // The steps' lists need only the credentials: asked with the version and nodes.
  primeKubeReads({ kc, reads }, early);
  deps.onNamed?.(clusterNameOf({ arm: arm && { ...arm.facts, at: arm.at }, contextName }));
  const [serverVersion, nodes] = await first.catch((error: unknown) => {
    throw describeKubeError(error, kubeServer, 'read the version and nodes');
  });
  out?.now();
  const summary = summarizeCluster({
    arm: arm && { cluster: arm.facts.cluster, pools: arm.facts.pools, at: arm.at },
    serverVersion,
    nodes,
    kubeServer,
    contextName,
  });
  if (warnings.length > 0) summary.warnings = warnings;
  const base: Omit<Connection, 'rights'> = { kc, kubeServer, summary, reads };
  // The first look at the steps (audit or TUI) starts from this node list instead of asking again.
  primeNodes(base, nodes);
  if (arm) base.arm = arm;
  else base.armMissing = 'Azure-side steps need the cluster named: add --subscription, -g and -n';
  if (directory) base.directory = directory;
  return { ...base, rights: new ConnectionRights(base, permissions) };
}

/** Microsoft Graph with the same credential: the cloud's endpoint, or the simulator's. */
function directoryOf(
  credential: TokenCredential,
  cloud: CloudName,
  deps: ConnectDeps,
  timeoutMs: number,
): DirectoryReader {
  const endpoints = cloudEndpoints(cloud);
  return new GraphDirectory({
    credential,
    endpoint: deps.graphEndpoint ?? endpoints.graphEndpoint,
    scope: endpoints.graphScope,
    timeoutMs,
    ...(deps.graphEndpoint && deps.caCert ? { caCert: deps.caCert } : {}),
    ...(deps.deadline ? { deadline: deps.deadline } : {}),
  });
}

function fromKubeconfig(
  target: TargetOptions,
  env: NodeJS.ProcessEnv,
): { kc: KubeConfig; contextName: string; warnings: string[] } {
  const loaded = loadKubeconfig({ file: target.kubeconfig, context: target.context }, env);
  if (!loaded.kc.getCurrentCluster()) {
    throw new UserError(`context "${loaded.context}" has no cluster`);
  }
  return { kc: loaded.kc, contextName: loaded.context, warnings: loaded.warnings };
}
