import { carriesOurLabels, type PolicyFacts } from '../../checks/imds/facts.js';
import { madeByThisStep } from '../../checks/imds/ours.js';
import { apiStatus } from '../../kube/api-status.js';
import { describeKubeError } from '../../kube/errors.js';
import { deleteNetworkPolicy, readNetworkPolicy } from '../../kube/network-policies.js';
import {
  settleUnknownWrite,
  stillUnknownWords,
  unansweredWords,
} from '../../kube/settle-unknown.js';
import { mayStillLand } from '../../model/errors.js';
import type { ImdsContext as StepContext } from './session.js';
import { TYPED_ABOVE } from './state.js';

/** The policies this step made (our labels and our spec): the only ones rollback deletes. */
export function ourPolicies(policies: readonly PolicyFacts[]): PolicyFacts[] {
  return policies.filter(madeByThisStep);
}

/**
 * Policies that carry our labels but not a spec this step writes (edited or copied since): rollback
 * leaves them, since deleting one could lift more than the metadata block, and names them.
 */
export function labelledNotOurs(policies: readonly PolicyFacts[]): PolicyFacts[] {
  return policies.filter((p) => carriesOurLabels(p) && !madeByThisStep(p));
}

/** The plan lines of a rollback: what is deleted, then what carries our labels and is kept. */
export function rollbackPlan(policies: readonly PolicyFacts[]): string[] {
  const kept = labelledNotOurs(policies);
  return [
    ...ourPolicies(policies).map((p) => `${p.namespace}: delete NetworkPolicy ${p.name}`),
    ...(kept.length > 0
      ? [
          'Kept: these carry our labels but not the spec this step writes (edited or copied since), so deleting them could lift more than the metadata block; delete them yourself if you mean to:',
          ...kept.map((p) => `  ${p.namespace}: NetworkPolicy ${p.name}`),
        ]
      : []),
  ];
}

/** The confirmation for a rollback: the cluster and every policy that will be deleted. */
export function rollbackConfirmation(ctx: StepContext, ours: readonly PolicyFacts[]) {
  const n = ours.length;
  return {
    cluster: ctx.cluster,
    change: `Delete ${n} NetworkPolic${n === 1 ? 'y' : 'ies'} created by aks-runbook (the pods they select regain access to 169.254.169.254)`,
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
): Promise<{ deleted: string[]; failed?: string; unknown?: boolean }> {
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
            uid: policy.uid,
            resourceVersion: policy.resourceVersion,
          }),
      );
      deleted.push(id);
      progress(`✔ ${dryRun ? 'dry run accepted: delete' : 'deleted'} ${id}`);
    } catch (error) {
      const lost = await settleLostDelete(ctx, policy, error);
      if (lost === 'gone') {
        deleted.push(id);
        progress(`✔ deleted ${id} (its answer was lost; reading it again shows it gone)`);
        continue;
      }
      if (lost) {
        progress(`${lost.unknown ? '?' : '✖'} ${lost.why}`);
        return { deleted, failed: lost.why, ...(lost.unknown ? { unknown: true } : {}) };
      }
      if (!dryRun && apiStatus(error) === 404) {
        // Deleted since the look (a rollback run before, or kubectl): the wanted state is there.
        progress(`✔ already gone: ${id}`);
        continue;
      }
      if (apiStatus(error) === 409) {
        // Replaced or edited since the look: what was confirmed is not what is stored now.
        const why = `${id} changed since the look (replaced or edited): kept; look again (l) before a rollback`;
        progress(`✖ ${why}`);
        return { deleted, failed: why };
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

/**
 * A delete whose answer was lost: one read of the policy settles it (gone, or another object of
 * that name: deleted; the same one still there: not deleted, unless the API server may still act),
 * or it stays unknown. `undefined` when the failure was not a lost answer.
 */
async function settleLostDelete(
  ctx: StepContext,
  policy: PolicyFacts,
  error: unknown,
): Promise<'gone' | { why: string; unknown: boolean } | undefined> {
  const id = `${policy.namespace}/${policy.name}`;
  const where = `networkpolicy ${id}`;
  const check = `kubectl get networkpolicy -n ${policy.namespace} ${policy.name}`;
  const settled = await settleUnknownWrite(error, ctx.connection.kubeServer, `get ${where}`, () =>
    readNetworkPolicy(ctx.connection.kc, { namespace: policy.namespace, name: policy.name }).then(
      (found) => (found.metadata?.uid === policy.uid ? 'there' : 'gone'),
      (e: unknown) => {
        if (apiStatus(e) === 404) return 'gone' as const;
        throw e;
      },
    ),
  );
  if (!settled) return undefined;
  if (!settled.settled)
    return { why: stillUnknownWords(`the delete of ${where}`, check, error), unknown: true };
  if (settled.value === 'gone') {
    await ctx.journal.settled(error, 'ok', `${where} is gone`);
    return 'gone';
  }
  if (mayStillLand(error)) {
    const late = 'it may still be deleted';
    const words = unansweredWords(`the delete of ${where}`, 'it still there', late, check, error);
    return { why: words, unknown: true };
  }
  await ctx.journal.settled(error, 'failed', `${where} is still there`);
  return {
    why: `${id}: the delete was sent and its answer lost; reading it again shows it still there: not deleted`,
    unknown: false,
  };
}
