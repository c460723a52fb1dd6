import type { V1NetworkPolicy } from '@kubernetes/client-node';
import { OUR_POLICY_NAME } from '../../checks/imds/facts.js';
import type { EngineTraits } from '../../checks/imds/engine.js';
import { restrictImdsPolicy } from '../../checks/imds/policy.js';
import { createNetworkPolicy } from '../../kube/network-policies.js';
import type { ApplyPlan } from './apply-plan.js';
import type { ImdsContext as StepContext } from './session.js';
import { createFailedWords, differsWords } from './create-words.js';
import { existingPolicy, policyDifference } from './existing.js';
import { apiStatus } from '../../kube/api-status.js';
import { FaultError, kindOf, mayStillLand } from '../../model/errors.js';
import { readNetworkPolicy } from '../../kube/network-policies.js';
import {
  settleUnknownWrite,
  stillUnknownWords,
  unansweredWords,
} from '../../kube/settle-unknown.js';
import type { ImdsFacts } from '../../checks/imds/assess.js';
import { widensNow } from './live-check.js';
import { ChangedSinceLook, replaceOld } from './replace.js';

function manifest(namespace: string, traits: EngineTraits): V1NetworkPolicy {
  return restrictImdsPolicy(namespace, traits);
}

/**
 * Creates the policies one by one, journaled, each checked again against its namespace's policies
 * as stored now; stops at the first failure. Returns created ones.
 */
export async function createAll(
  ctx: StepContext,
  facts: ImdsFacts,
  plan: ApplyPlan,
  traits: EngineTraits,
  progress: (line: string) => void,
  signal: AbortSignal,
): Promise<{
  created: string[];
  adopted: string[];
  /** Of `created`, the namespaces where an older policy of ours was replaced. */
  replaced: string[];
  /** The namespace whose create's answer was lost and stays unknown. */
  unknown?: string;
  /** The namespace whose create's answer was lost, where a read shows the policy not as sent. */
  differs?: string;
  failed?: string;
}> {
  const created: string[] = [];
  const adopted: string[] = [];
  const replaced: string[] = [];
  for (const [i, ns] of plan.create.entries()) {
    if (signal.aborted)
      return {
        created,
        adopted,
        replaced,
        failed: 'cancelled: the remaining namespaces were not changed',
      };
    try {
      const widens = await widensNow(ctx, facts, ns, traits);
      if (widens) {
        progress(`✖ ${ns}: ${widens}`);
        return { created, adopted, replaced, failed: `${ns}: ${widens}` };
      }
      const old = plan.replaces[ns];
      if (old) {
        const done = await replaceOld(ctx, ns, traits, old);
        if (typeof done === 'object') {
          progress(`? ${ns}: ${done.unknown}`);
          return { created, adopted, replaced, unknown: ns, failed: `${ns}: ${done.unknown}` };
        }
        created.push(ns);
        replaced.push(ns);
        progress(`✔ replaced the older policy ${i + 1}/${plan.create.length}: ${ns}`);
        continue;
      }
      const found = await createOne(ctx, ns, traits);
      if (typeof found === 'object' && 'unknown' in found) {
        progress(`? ${ns}: ${found.unknown}`);
        return { created, adopted, replaced, unknown: ns, failed: `${ns}: ${found.unknown}` };
      }
      if (typeof found === 'object' && 'differs' in found) {
        // Ours may have been made and then changed, or another's made first: not said on a guess.
        const why = `the create was sent and its answer lost; reading it again shows ${OUR_POLICY_NAME} there but not as sent: ${found.differs.join('; ')}; it was left as it is`;
        progress(`✖ ${ns}: ${why}`);
        return { created, adopted, replaced, differs: ns, failed: `${ns}: ${why}` };
      }
      if (found !== 'created' && found !== 'same') {
        const why = differsWords(found);
        progress(`✖ ${ns}: ${why}`);
        return { created, adopted, replaced, failed: `${ns}: ${why}` };
      }
      created.push(ns);
      if (found === 'same') adopted.push(ns);
      progress(
        `✔ ${found === 'same' ? 'already in place' : 'created'} ${i + 1}/${plan.create.length}: ${ns}`,
      );
    } catch (error) {
      const why =
        error instanceof ChangedSinceLook ? error.message : createFailedWords(ctx, ns, error);
      progress(`✖ ${ns}: ${why}`);
      return { created, adopted, replaced, failed: `${ns}: ${why}` };
    }
  }
  return { created, adopted, replaced };
}

/** Creates our policy in one namespace, journaled; a policy already there is compared instead. */
async function createOne(
  ctx: StepContext,
  ns: string,
  traits: EngineTraits,
): Promise<'created' | 'same' | string[] | { unknown: string } | { differs: string[] }> {
  try {
    await ctx.journal.mutation(
      {
        step: 'imds',
        action: 'create networkpolicy',
        target: `networkpolicy/${ns}/${OUR_POLICY_NAME}`,
        detail: { namespace: ns, policy: restrictImdsPolicy(ns, traits).spec },
      },
      () => createNetworkPolicy(ctx.connection.kc, manifest(ns, traits), { dryRun: false }),
    );
    return 'created';
  } catch (error) {
    const settled = await settleCreate(ctx, ns, traits, error);
    return settled ?? existingPolicy(ctx, manifest(ns, traits), error);
  }
}

/**
 * A create whose answer was lost: one read of the policy settles it (there as sent: created;
 * there but different: what differs; absent: not created), or it stays unknown.
 */
async function settleCreate(
  ctx: StepContext,
  ns: string,
  traits: EngineTraits,
  error: unknown,
): Promise<'created' | { differs: string[] } | { unknown: string } | undefined> {
  const at = { namespace: ns, name: OUR_POLICY_NAME };
  const where = `networkpolicy ${ns}/${OUR_POLICY_NAME}`;
  const settled = await settleUnknownWrite(error, ctx.connection.kubeServer, `get ${where}`, () =>
    readNetworkPolicy(ctx.connection.kc, at).catch((e: unknown) => {
      if (apiStatus(e) === 404) return undefined;
      throw e;
    }),
  );
  if (!settled) return undefined;
  if (!settled.settled) {
    const check = `kubectl get networkpolicy -n ${ns} ${OUR_POLICY_NAME}`;
    return { unknown: stillUnknownWords(`the create of ${where}`, check, error) };
  }
  if (settled.value === undefined && mayStillLand(error)) {
    // No answer in time: the API server may still create it.
    const check = `kubectl get networkpolicy -n ${ns} ${OUR_POLICY_NAME}`;
    const late = 'the policy may still be created';
    return {
      unknown: unansweredWords(
        `the create of ${where}`,
        `no ${OUR_POLICY_NAME} in ${ns}`,
        late,
        check,
        error,
      ),
    };
  }
  if (settled.value === undefined) {
    await ctx.journal.settled(error, 'failed', `no ${where}`);
    // Said as the write's own failure kind (the request was dropped), with what the read found.
    throw new FaultError(
      kindOf(error) ?? 'unreachable',
      `the create was sent and its answer lost; reading it again shows no ${OUR_POLICY_NAME} in ${ns}: not created`,
    );
  }
  const differs = policyDifference(manifest(ns, traits), settled.value);
  if (differs.length === 0) {
    await ctx.journal.settled(error, 'ok', `${where} is there as sent`);
    return 'created';
  }
  await ctx.journal.settled(
    error,
    'failed',
    `${where} is there but differs: ${differs.join('; ')}`,
  );
  return { differs };
}
