import type { AuthorizationManagementClient } from '@azure/arm-authorization';
import type { ContainerServiceClient } from '@azure/arm-containerservice';
import type { TokenCredential } from '@azure/core-auth';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ArmClusterFacts, ArmCoordinates } from './arm.js';
import type { ClusterSummary } from './cluster-summary.js';
import type { DirectoryReader } from './directory.js';
import type { OperatorRights } from './rights.js';

/** A live connection: Kubernetes always, ARM when the cluster was named by its Azure coordinates. */
export interface Connection {
  kc: KubeConfig;
  kubeServer: string;
  arm?: {
    client: ContainerServiceClient;
    at: ArmCoordinates;
    facts: ArmClusterFacts;
    /** The ARM endpoint the client talks to (for requests outside the SDK's operations). */
    endpoint: string;
    /** The access token ARM requests carry (the header reads who is signed in from it). */
    token?: () => Promise<string | undefined>;
    /** Role assignments and definitions (Microsoft.Authorization), on the same wire. */
    authorization?: AuthorizationManagementClient;
    /**
     * The same sign-in, cloud and CA, for other ARM clients of this session (Fleet Manager,
     * Resource Graph); absent in hand-built test connections.
     */
    wire?: { credential: TokenCredential; cloud: string; caCert?: string };
  };
  /** Why the ARM-based steps cannot run, when they cannot. */
  armMissing?: string;
  summary: ClusterSummary;
  /** Reads shared within one snapshot (the headless audit), held with the connection. */
  reads: SharedReads;
  /**
   * The Entra directory (Microsoft Graph) with the same sign-in, for names next to object ids;
   * absent when the cluster was not named by its Azure coordinates.
   */
  directory?: DirectoryReader;
  /** What the operator may do on this cluster: asked once, shared by every step. */
  rights: OperatorRights;
  /**
   * The simulated AKS only: how many times faster its clock runs than the wall clock, so AKS's
   * timeouts (the drain timeout) run out that much sooner. Absent: real time.
   */
  timeScale?: number;
}

/**
 * Reads shared within one snapshot: while a batch is open, each kind of read is sent once and its
 * answer (or its refusal) handed to every caller; with no batch open every read goes to the server.
 */
export interface SharedReads {
  /** Whether a batch is open. */
  readonly batching: boolean;
  /** Runs `work` with a batch open (nested calls join the open one). */
  batch<T>(work: () => Promise<T>): Promise<T>;
  /** Drops every answer held (the batch stays open): after anything changed the cluster. */
  forget(): void;
  /**
   * Hands an answer read moments ago (connect's node list) to the next batch opened, so its
   * steps need not ask again; a write before that batch drops it.
   */
  prime(key: string, answer: unknown): void;
  /** The answer of `read`, sent once per open batch under `key`; without a batch, `read` itself. */
  share<T>(key: string, read: () => Promise<T>): Promise<T>;
}
