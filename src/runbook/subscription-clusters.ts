import { createContainerServiceClient } from '../azure/client.js';
import { UserError } from '../model/errors.js';
import { listManagedClusters } from '../azure/list-clusters.js';
import { type ListedCluster } from '../model/arm.js';
import type { PickableCluster } from '../model/pickable-cluster.js';
import type { CloudName } from '../azure/clouds.js';
import { azureSignIn, fixedTokenCredential } from '../target/credential.js';
import type { TargetOptions } from '../target/options.js';
import type { WireMode } from '../model/session.js';
import { simulatorAccess } from './connect-target.js';

/** Which subscription to list: a real one (signed in), or a running simulator's. */
export interface SubscriptionScope {
  cloud: CloudName;
  subscription?: string;
  /** A connection file of `aks-runbook sim`: its ARM endpoint, CA, token and subscription. */
  simConnection?: string;
  /** The mode the ARM client enforces (listing only reads). */
  mode: WireMode;
  /** Every subscription the identity can see (the inventory's lister only). */
  allSubscriptions?: boolean;
}

/** The clusters of a subscription and how to reach each one. */
export interface SubscriptionClusters {
  subscriptionId: string;
  /** Where the clusters were listed, when more than one subscription (`all 2 subscriptions …`). */
  scope?: string;
  clusters: PickableCluster[];
  /** The target that connects to one of the listed clusters. */
  targetOf(cluster: ListedCluster): TargetOptions;
}

/**
 * Lists the subscription's AKS clusters through ARM, with the operator's Azure sign-in, or with
 * the simulator's endpoint, CA and token for `--sim-connection`.
 */
export async function subscriptionClusters(
  scope: SubscriptionScope,
  env: NodeJS.ProcessEnv,
): Promise<SubscriptionClusters> {
  const base: TargetOptions = { cloud: scope.cloud, demo: false };
  if (scope.simConnection) base.simConnection = scope.simConnection;
  const local = await simulatorAccess(base, () => undefined);
  // An explicit subscription wins, also on the simulator (which refuses one it does not serve).
  const subscriptionId = scope.subscription ?? local?.access.subscriptionId;
  if (!subscriptionId) {
    throw new UserError('which subscription? Add --subscription <id> or set AZURE_SUBSCRIPTION_ID');
  }
  const client = createContainerServiceClient({
    credential: local
      ? fixedTokenCredential(local.access.armToken)
      : await azureSignIn(scope.cloud, env),
    subscriptionId,
    cloud: scope.cloud,
    mode: scope.mode,
    ...(local ? { endpoint: local.access.armEndpoint, caCert: local.access.caCert } : {}),
  });
  const clusters = await listManagedClusters(client, subscriptionId);
  return {
    subscriptionId,
    clusters,
    targetOf: (c) => ({
      ...base,
      subscription: c.subscriptionId,
      resourceGroup: c.resourceGroup,
      name: c.name,
    }),
  };
}
