import type { ContainerServiceClient } from '@azure/arm-containerservice';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ArmClusterFacts, ArmCoordinates } from './arm.js';
import type { ClusterSummary } from './cluster-summary.js';

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
  };
  /** Why the ARM-based steps cannot run, when they cannot. */
  armMissing?: string;
  summary: ClusterSummary;
}
