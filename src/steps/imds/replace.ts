import type { V1NetworkPolicy } from '@kubernetes/client-node';
import type { EngineTraits } from '../../checks/imds/engine.js';
import { OUR_POLICY_NAME, type PolicyFacts } from '../../checks/imds/facts.js';
import { restrictImdsPolicy } from '../../checks/imds/policy.js';
import { apiStatus } from '../../kube/api-status.js';
import { readNetworkPolicy, replaceNetworkPolicy } from '../../kube/network-policies.js';
import { settleUnknownWrite, stillUnknownWords } from '../../kube/settle-unknown.js';
import { policyDifference } from './existing.js';
import type { ImdsContext as StepContext } from './session.js';

/** Why a replace was not sent, or was refused: the older policy is not the one read. */
export class ChangedSinceLook extends Error {}

/** The policy in `ns` as this step writes it now, as an update of exactly the `old` object read. */
export function replacement(ns: string, traits: EngineTraits, old: PolicyFacts): V1NetworkPolicy {
  const wanted = restrictImdsPolicy(ns, traits);
  return {
    ...wanted,
    metadata: {
      ...wanted.metadata,
      ...(old.uid ? { uid: old.uid } : {}),
      ...(old.resourceVersion ? { resourceVersion: old.resourceVersion } : {}),
    },
  };
}

/**
 * The stored policy as a manifest that puts it back as it was (`kubectl replace -f`): its name,
 * labels, annotations and spec; the server's own fields (uid, resourceVersion, managedFields,
 * timestamps) left out.
 */
export function restoreManifest(live: V1NetworkPolicy): Record<string, unknown> {
  const { name, namespace, labels, annotations } = live.metadata ?? {};
  return JSON.parse(
    JSON.stringify({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace, labels, annotations },
      spec: live.spec,
    }),
  ) as Record<string, unknown>;
}

const changedWords = (ns: string) =>
  `${OUR_POLICY_NAME} in ${ns} changed since the look (deleted, replaced or edited): not replaced; look again (l)`;

/**
 * Reads the older policy as stored now: the object planned (same uid and resourceVersion), or
 * `ChangedSinceLook`. What it returns is what the update replaces, journaled to put it back.
 */
async function liveOld(ctx: StepContext, ns: string, old: PolicyFacts): Promise<V1NetworkPolicy> {
  const live = await readNetworkPolicy(ctx.connection.kc, {
    namespace: ns,
    name: OUR_POLICY_NAME,
  }).catch((error: unknown) => {
    if (apiStatus(error) === 404) throw new ChangedSinceLook(changedWords(ns));
    throw error;
  });
  if (live.metadata?.uid !== old.uid || live.metadata?.resourceVersion !== old.resourceVersion)
    throw new ChangedSinceLook(changedWords(ns));
  return live;
}

/** A 409 on the update: the preconditions named another object than the stored one. */
function changedOn409(ns: string) {
  return (error: unknown): never => {
    if (apiStatus(error) === 409) throw new ChangedSinceLook(changedWords(ns));
    throw error;
  };
}

/** The server-side dry run of the update (nothing stored, nothing journaled). */
export async function dryRunReplace(
  ctx: StepContext,
  ns: string,
  traits: EngineTraits,
  old: PolicyFacts,
): Promise<void> {
  await replaceNetworkPolicy(ctx.connection.kc, replacement(ns, traits, old), {
    dryRun: true,
  }).catch(changedOn409(ns));
}

/**
 * Replaces the older policy of ours in `ns` with the one this step writes now: read first (it
 * must still be the object planned), then one journaled update naming its uid and resourceVersion,
 * with what it held (to put back exactly) in the intent. `ChangedSinceLook` when it is not.
 */
export async function replaceOld(
  ctx: StepContext,
  ns: string,
  traits: EngineTraits,
  old: PolicyFacts,
): Promise<'replaced' | { unknown: string }> {
  const live = await liveOld(ctx, ns, old);
  try {
    await sendReplace(ctx, ns, traits, old, live);
    return 'replaced';
  } catch (error) {
    // An answer lost: one read tells whether the policy now is ours as sent, on the same object.
    const where = `networkpolicy ${ns}/${OUR_POLICY_NAME}`;
    const settled = await settleUnknownWrite(error, ctx.connection.kubeServer, `get ${where}`, () =>
      readNetworkPolicy(ctx.connection.kc, { namespace: ns, name: OUR_POLICY_NAME }),
    );
    if (!settled) throw error;
    const now = settled.settled ? settled.value : undefined;
    if (
      now !== undefined &&
      now.metadata?.uid === old.uid &&
      policyDifference(restrictImdsPolicy(ns, traits), now).length === 0
    ) {
      await ctx.journal.settled(error, 'ok', `${where} is there as sent`);
      return 'replaced';
    }
    const check = `kubectl get networkpolicy -n ${ns} ${OUR_POLICY_NAME} -o yaml`;
    return { unknown: stillUnknownWords(`the replace of ${where}`, check, error) };
  }
}

async function sendReplace(
  ctx: StepContext,
  ns: string,
  traits: EngineTraits,
  old: PolicyFacts,
  live: V1NetworkPolicy,
): Promise<void> {
  await ctx.journal
    .mutation(
      {
        step: 'imds',
        action: 'replace networkpolicy',
        target: `networkpolicy/${ns}/${OUR_POLICY_NAME}`,
        detail: {
          namespace: ns,
          policy: restrictImdsPolicy(ns, traits).spec,
          preconditions: { uid: old.uid, resourceVersion: old.resourceVersion },
          restore: restoreManifest(live),
          rollback: `kubectl replace -f with "restore" as the manifest puts back what was there`,
        },
      },
      () =>
        replaceNetworkPolicy(ctx.connection.kc, replacement(ns, traits, old), { dryRun: false }),
    )
    .catch(changedOn409(ns));
}
