import type { ListedCluster } from '../model/arm.js';
import { UserError } from '../model/errors.js';
import type { TargetOptions } from '../target/options.js';
import type { SessionStore } from './session.js';
import { asUserError } from './start-session.js';
import { subscriptionClusters } from './subscription-clusters.js';

/** Whether the target names a subscription but no cluster in it: the TUI asks which one. */
export function needsPick(target: TargetOptions): boolean {
  return (
    !target.demo &&
    (target.subscription !== undefined || target.allSubscriptions === true) &&
    target.resourceGroup === undefined &&
    target.name === undefined &&
    target.kubeconfig === undefined &&
    target.context === undefined
  );
}

/**
 * Lists the subscription's clusters into the store for the picker and waits for the operator.
 * Resolves to the picked cluster's target, or undefined when the operator quit or the list
 * failed (then the store's connection says why, as a failed connect would).
 */
export async function pickCluster(
  target: TargetOptions,
  store: SessionStore,
  env: NodeJS.ProcessEnv,
  chosen: Promise<ListedCluster | undefined>,
  /** How the clusters are listed: ARM's list of one subscription, or the inventory's. */
  list: typeof subscriptionClusters = subscriptionClusters,
): Promise<TargetOptions | undefined> {
  store.update({
    connection: {
      phase: 'connecting',
      detail: target.allSubscriptions
        ? 'Listing the AKS clusters of every subscription you can see'
        : `Listing the AKS clusters of subscription ${target.subscription ?? ''}`,
    },
  });
  try {
    const scope = {
      cloud: target.cloud,
      ...(target.subscription ? { subscription: target.subscription } : {}),
      ...(target.simConnection ? { simConnection: target.simConnection } : {}),
      ...(target.allSubscriptions ? { allSubscriptions: true } : {}),
      mode: store.getState().mode,
    };
    const listed = await list(scope, env);
    if (listed.clusters.length === 0) {
      throw new UserError(
        `${listed.scope ?? `subscription ${listed.subscriptionId}`} ha${listed.scope ? 've' : 's'} no AKS clusters you can see`,
      );
    }
    store.update({
      pick: {
        subscriptionId: listed.subscriptionId,
        ...(listed.scope ? { scope: listed.scope } : {}),
        clusters: listed.clusters,
      },
    });
    const cluster = await chosen;
    store.update({
      pick: undefined,
      connection: { phase: 'connecting', detail: cluster ? `Connecting to ${cluster.name}` : '' },
    });
    return cluster ? listed.targetOf(cluster) : undefined;
  } catch (error) {
    store.update({
      pick: undefined,
      connection: { phase: 'failed', message: asUserError(error).message },
    });
    return undefined;
  }
}
