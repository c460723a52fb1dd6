import { isOurPolicy, type PolicyFacts } from '../../checks/imds/facts.js';
import { apiStatus } from '../../kube/api-status.js';
import { describeKubeError } from '../../kube/errors.js';
import { deleteNetworkPolicy } from '../../kube/network-policies.js';
import type { ImdsContext as StepContext } from './session.js';
import { TYPED_ABOVE } from './state.js';

/** The policies this tool created (by label), as `namespace/name`. */
export function ourPolicies(policies: readonly PolicyFacts[]): PolicyFacts[] {
  return policies.filter(isOurPolicy);
}

/** The confirmation for a rollback: the cluster and every policy that will be deleted. */
export function rollbackConfirmation(ctx: StepContext, ours: readonly PolicyFacts[]) {
  const n = ours.length;
  return {
    cluster: ctx.cluster,
    change: `Delete ${n} NetworkPolic${n === 1 ? 'y' : 'ies'} created by aks-runbook (pods regain access to 169.254.169.254)`,
    details: ours.map((p) => `networkpolicy ${p.namespace}/${p.name}`),
    ...(n > TYPED_ABOVE ? { typed: ctx.cluster } : {}),
  };
}

/**
 * Deletes our policies one by one, journaled (dry runs in dry-run mode, by the wire); stops at
 * the first failure and says which were deleted.
 */
export async function deleteAll(
  ctx: StepContext,
  ours: readonly PolicyFacts[],
  progress: (line: string) => void,
  signal: AbortSignal,
): Promise<{ deleted: string[]; failed?: string }> {
  const deleted: string[] = [];
  const dryRun = ctx.mode.dryRun;
  for (const policy of ours) {
    const id = `${policy.namespace}/${policy.name}`;
    if (signal.aborted) return { deleted, failed: 'cancelled: the remaining policies were kept' };
    try {
      // In --dry-run the wire makes the delete a server-side dry run; journaled either way.
      await ctx.journal.mutation(
        {
          step: 'imds',
          action: 'delete networkpolicy',
          target: `networkpolicy/${id}`,
          ...(dryRun ? { detail: { dryRun: 'All' } } : {}),
        },
        () =>
          deleteNetworkPolicy(ctx.connection.kc, {
            namespace: policy.namespace,
            name: policy.name,
          }),
      );
      deleted.push(id);
      progress(`✔ ${dryRun ? 'dry run accepted: delete' : 'deleted'} ${id}`);
    } catch (error) {
      if (!dryRun && apiStatus(error) === 404) {
        // Deleted since the look (a rollback run before, or kubectl): the wanted state is there.
        progress(`✔ already gone: ${id}`);
        continue;
      }
      const why = describeKubeError(
        error,
        ctx.connection.kubeServer,
        `delete NetworkPolicy ${id}`,
      ).message;
      progress(`✖ ${id}: ${why}`);
      return { deleted, failed: `${id}: ${why}` };
    }
  }
  return { deleted };
}
