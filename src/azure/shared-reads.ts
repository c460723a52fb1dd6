import type { ArmVersionReads } from '../model/arm.js';
import type { Connection } from '../model/connection.js';
import { readArmCluster } from './cluster.js';
import { type ArmClusterFacts } from '../model/arm.js';
import { readManagedCluster, type ClusterRead } from './managed-cluster.js';
import { readVersionReads } from './upgrade-reads.js';

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
  return connection.reads.share('arm:version-reads', () =>
    readVersionReads(arm.client, arm.at, armClusterOf(connection, arm)),
  );
}
