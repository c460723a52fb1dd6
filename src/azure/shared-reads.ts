import type { ArmVersionReads } from '../model/arm.js';
import type { Connection } from '../model/connection.js';
import { readArmCluster } from './cluster.js';
import { type ArmClusterFacts } from '../model/arm.js';
import { readManagedCluster, type ClusterRead } from './managed-cluster.js';
import { readVersionReads } from './upgrade-reads.js';
import { readRoleAssignments, type RoleAssignmentsRead } from './role-assignments.js';
import type { ContainerServiceClient } from '@azure/arm-containerservice';
import type { AuthorizationManagementClient } from '@azure/arm-authorization';
import type { ArmCoordinates } from '../model/arm.js';

/**
 * ARM reads the caller knows its steps will make, sent by `connect` with its own first reads
 * (they depend on nothing connect learns) and handed to the first read batch.
 */
export type EarlyArmRead = 'version-reads' | 'role-assignments';

const VERSION_READS = 'arm:version-reads';
const ROLE_ASSIGNMENTS = 'arm:role-assignments';

type Arm = NonNullable<Connection['arm']>;

/**
 * The managed cluster and its pools. Inside a read batch this is what `connect` read moments
 * before (no request); outside one it is read afresh, as a verification needs.
 */
export function armClusterOf(connection: Connection, arm: Arm): Promise<ArmClusterFacts> {
  if (connection.reads.batching && connection.arm === arm) return Promise.resolve(arm.facts);
  return readArmCluster(arm.client, arm.at);
}

/** The managed cluster as `readManagedCluster` gives it, shared the same way as `armClusterOf`. */
export function managedClusterOf(
  connection: Connection,
  arm: Arm,
  signal?: AbortSignal,
): Promise<ClusterRead> {
  if (connection.reads.batching && connection.arm === arm)
    return Promise.resolve({ cluster: arm.facts.cluster });
  return readManagedCluster(arm, signal);
}

/**
 * Versions, upgrade profiles (cluster and each pool) and maintenance configurations: read once
 * per read batch and shared by the upgrades and node-image steps.
 */
export function versionReadsOf(connection: Connection, arm: Arm): Promise<ArmVersionReads> {
  return connection.reads.share(VERSION_READS, () =>
    readVersionReads(arm.client, arm.at, armClusterOf(connection, arm)),
  );
}

/** The role assignments reaching the cluster, read once per read batch (the rbac step's look). */
export function roleAssignmentsOf(
  connection: Connection,
  authorization: AuthorizationManagementClient,
  clusterId: string,
): Promise<RoleAssignmentsRead> {
  return connection.reads.share(ROLE_ASSIGNMENTS, () =>
    readRoleAssignments(authorization, clusterId),
  );
}

/** The cluster's ARM id as the command line named it (ARM ids compare without case). */
export function clusterIdOf(at: ArmCoordinates): string {
  return `/subscriptions/${at.subscriptionId}/resourceGroups/${at.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${at.name}`;
}

/**
 * Sends the `wanted` early reads now and primes the next read batch with them; `facts` is
 * connect's cluster read in flight (the pools' profiles and the region's versions wait on it).
 */
export function primeArmReads(
  reads: Pick<Connection['reads'], 'prime'>,
  arm: {
    client: ContainerServiceClient;
    authorization?: AuthorizationManagementClient;
    at: ArmCoordinates;
  },
  facts: Promise<ArmClusterFacts>,
  wanted: readonly string[],
): void {
  const prime = (key: string, read: Promise<unknown>): void => {
    read.catch(() => undefined); // its step reports a failure; unasked, it is dropped
    reads.prime(key, read);
  };
  if (wanted.includes('version-reads')) {
    prime(VERSION_READS, readVersionReads(arm.client, arm.at, facts));
  }
  if (wanted.includes('role-assignments') && arm.authorization) {
    prime(ROLE_ASSIGNMENTS, readRoleAssignments(arm.authorization, clusterIdOf(arm.at)));
  }
}
