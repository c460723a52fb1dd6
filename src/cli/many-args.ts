import { UserError } from '../model/errors.js';
import type { RootFlags } from './args.js';
import type { ClusterSource } from './run-audit-many.js';

/** The audit flags that name several clusters. */
export interface ManyFlags {
  clusters?: string;
  allInSubscription?: boolean;
  allSubscriptions?: boolean;
}

/**
 * Where a multi-cluster audit finds its clusters, or undefined for a single-cluster audit.
 * Flags that name one cluster cannot be mixed in: each is refused in one line.
 */
export function clusterSource(
  flags: RootFlags & ManyFlags,
  env: NodeJS.ProcessEnv,
): ClusterSource | undefined {
  const choosers = [
    flags.clusters !== undefined && '--clusters',
    flags.allInSubscription === true && '--all-in-subscription',
    flags.allSubscriptions === true && '--all-subscriptions',
  ].filter((f): f is string => typeof f === 'string');
  if (choosers.length === 0) return undefined;
  if (choosers.length > 1) {
    throw new UserError(`${choosers.join(' and ')} each choose the clusters: pick one`);
  }
  const which = choosers[0]!;
  const single = [
    flags.resourceGroup !== undefined && '-g',
    flags.name !== undefined && '-n',
    flags.kubeconfig !== undefined && '--kubeconfig',
    flags.context !== undefined && '--context',
    flags.demo === true && '--demo',
    flags.scenario !== undefined && '--scenario',
    flags.clusters !== undefined && flags.simConnection !== undefined && '--sim-connection',
  ].filter((f): f is string => typeof f === 'string');
  if (single.length > 0) {
    throw new UserError(`${which} audits several clusters: drop ${single.join(', ')}`);
  }
  if (flags.allSubscriptions === true) {
    // The inventory (Azure Resource Graph) chooses: every cluster the identity can see.
    if (flags.subscription !== undefined)
      throw new UserError(
        '--all-subscriptions audits every subscription you can see: drop --subscription',
      );
    return {
      kind: 'inventory',
      cloud: flags.cloud,
      ...(flags.simConnection !== undefined ? { simConnection: flags.simConnection } : {}),
    };
  }
  const subscription = flags.subscription ?? env['AZURE_SUBSCRIPTION_ID'];
  if (flags.clusters !== undefined) {
    return {
      kind: 'file',
      file: flags.clusters,
      cloud: flags.cloud,
      ...(subscription ? { subscription } : {}),
    };
  }
  if (flags.simConnection !== undefined) {
    if (flags.subscription !== undefined) {
      throw new UserError(
        '--sim-connection names the subscription of the simulator: drop --subscription',
      );
    }
    return { kind: 'subscription', cloud: flags.cloud, simConnection: flags.simConnection };
  }
  if (!subscription) {
    throw new UserError('which subscription? Add --subscription <id> or set AZURE_SUBSCRIPTION_ID');
  }
  return { kind: 'subscription', cloud: flags.cloud, subscription };
}
