import { isRestError, type ManagedCluster } from '@azure/arm-containerservice';
import type { Connection } from '../model/connection.js';
import { UserError } from '../model/errors.js';
import { describeArmError } from './errors.js';

/** The managed cluster as ARM reports it now, or the refusal when the read was forbidden. */
export type ClusterRead = { cluster: ManagedCluster } | { forbidden: string };

/**
 * Reads the managed cluster afresh (steps verify against ARM, not the copy taken at connect).
 * A 403 is returned, not thrown, so the step can report "could not check"; other failures
 * throw a one-line `UserError`.
 */
export async function readManagedCluster(
  arm: NonNullable<Connection['arm']>,
  signal?: AbortSignal,
): Promise<ClusterRead> {
  try {
    const cluster = await arm.client.managedClusters.get(arm.at.resourceGroup, arm.at.name, {
      abortSignal: signal,
    });
    return { cluster };
  } catch (error) {
    if (isRestError(error) && error.statusCode === 403) {
      return { forbidden: describeArmError(error, arm.at, 'read the cluster').message };
    }
    throw describeArmError(error, arm.at, 'read the cluster');
  }
}

/** `--subscription … -g … -n …`: how az names this cluster in every command we print. */
export function azClusterArgs(at: {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}): string {
  return `--subscription ${at.subscriptionId} -g ${at.resourceGroup} -n ${at.name}`;
}

/**
 * The ARM side of the connection, or a one-line error saying exactly what to add to the command
 * line (a kubeconfig-only connection knows the cluster's name, not its Azure coordinates).
 */
export function armOf(connection: Connection, doing: string): NonNullable<Connection['arm']> {
  if (connection.arm) return connection.arm;
  throw new UserError(
    `this step ${doing}: start again with --subscription <subscription-id> -g <resource-group> -n ${connection.summary.name}`,
  );
}
