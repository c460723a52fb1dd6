import type { V1NetworkPolicy } from '@kubernetes/client-node';
import { OUR_POLICY_NAME } from '../../checks/imds/facts.js';
import type { ImdsFacts } from '../../checks/imds/assess.js';
import type { EngineTraits } from '../../checks/imds/engine.js';
import { policyNotes, restrictImdsPolicy } from '../../checks/imds/policy.js';
import { namespacePolicyCheck } from '../../checks/imds/proposals.js';
import { describeKubeError } from '../../kube/errors.js';
import { createNetworkPolicy } from '../../kube/network-policies.js';
import type { ImdsContext as StepContext } from './session.js';
import type { ImdsRow } from './state.js';
import { TYPED_ABOVE } from './state.js';
import { existingPolicy, policyDifference } from './existing.js';
import { apiStatus } from '../../kube/api-status.js';
import { FaultError, kindOf } from '../../model/errors.js';
import { readNetworkPolicy } from '../../kube/network-policies.js';
import { settleUnknownWrite, stillUnknownWords } from '../../kube/settle-unknown.js';

/** What one apply will do: our policy in `create` namespaces; the rest are only listed. */
export interface ApplyPlan {
  create: string[];
  review: string[];
  blocked: string[];
  /** Warnings about chosen namespaces that Kubernetes or AKS manages. */
  warnings: string[];
  lines: string[];
}

/** The plan for the chosen rows, as lines for the operator (namespace × action, then notes). */
export function applyPlan(rows: readonly ImdsRow[], traits: EngineTraits): ApplyPlan {
  const chosen = rows.filter((r) => r.chosen);
  const pick = (action: ImdsRow['action']) =>
    chosen.filter((r) => r.action === action).map((r) => r.namespace);
  const plan = { create: pick('create'), review: pick('review'), blocked: pick('none') };
  const warnings = chosen.flatMap((r) =>
    r.warning && r.action === 'create' ? [`▲ ${r.warning}`] : [],
  );
  const lines = [
    ...plan.create.map((ns) => `${ns}: create NetworkPolicy ${OUR_POLICY_NAME}`),
    ...plan.review.map((ns) => `${ns}: not changed; a fix to review is on its row (Enter)`),
    ...plan.blocked.map((ns) => `${ns}: already blocked, nothing to do`),
    ...warnings,
    ...policyNotes(traits),
  ];
  return { ...plan, warnings, lines };
}

/**
 * Checks our policy in every namespace of the plan before anything is offered: a namespace where
 * it would open anything new is taken out, with the reason. Returns the plan to offer and the refusals.
 */
export function checkedPlan(
  facts: ImdsFacts,
  plan: ApplyPlan,
  traits: EngineTraits,
): { plan: ApplyPlan; refused: string[]; closes: string[] } {
  const refused: string[] = [];
  const closes = new Set<string>();
  const create = plan.create.filter((ns) => {
    const check = namespacePolicyCheck(facts, ns, traits);
    if (!check.safe) refused.push(`${ns}: not offered: ${check.why}`);
    for (const c of check.alsoCloses) closes.add(c);
    return check.safe;
  });
  return { plan: { ...plan, create }, refused, closes: [...closes] };
}

function manifest(namespace: string, traits: EngineTraits): V1NetworkPolicy {
  return restrictImdsPolicy(namespace, traits);
}

/**
 * Sends a server-side dry run of every policy; returns the refusals (empty when all passed).
 * Nothing is stored by a dry run, so it needs no confirmation and no journal intent.
 */
export async function dryRunAll(
  ctx: StepContext,
  plan: ApplyPlan,
  traits: EngineTraits,
  progress: (line: string) => void,
  signal: AbortSignal,
): Promise<string[]> {
  const refused: string[] = [];
  for (const ns of plan.create) {
    if (signal.aborted) return [...refused, 'cancelled before every dry run was sent'];
    try {
      const found = await createNetworkPolicy(ctx.connection.kc, manifest(ns, traits), {
        dryRun: true,
      }).then(
        () => 'created' as const,
        (error: unknown) => existingPolicy(ctx, manifest(ns, traits), error),
      );
      if (found === 'created') progress(`✔ dry run accepted: ${ns}`);
      else if (found === 'same') progress(`✔ already in place: ${ns} (made since the look)`);
      else {
        const why = `${OUR_POLICY_NAME} already exists and differs: ${found.join('; ')}; nothing was overwritten`;
        refused.push(`${ns}: ${why}`);
        progress(`✖ ${ns}: ${why}`);
      }
    } catch (error) {
      const why = describeKubeError(
        error,
        ctx.connection.kubeServer,
        `create a NetworkPolicy in ${ns}`,
      ).message;
      refused.push(`${ns}: ${why}`);
      progress(`✖ dry run refused: ${ns}: ${why}`);
    }
  }
  return refused;
}

/** The confirmation for an apply: the cluster, the namespaces, and whether policies are enforced. */
export function applyConfirmation(
  ctx: StepContext,
  plan: ApplyPlan,
  traits: EngineTraits,
  closes: readonly string[] = [],
) {
  const n = plan.create.length;
  return {
    cluster: ctx.cluster,
    change: `Create NetworkPolicy ${OUR_POLICY_NAME} (egress to everything except 169.254.169.254) in ${n} namespace${n === 1 ? '' : 's'}`,
    details: [
      `Namespaces: ${plan.create.join(', ')}`,
      ...plan.warnings,
      'Checked before this question: it opens nothing that was closed.',
      ...(closes.length > 0
        ? [`Besides 169.254.169.254 it also closes: ${closes.join(', ')}.`]
        : []),
      ...(traits.enforces === false
        ? [
            'No policy engine on this cluster: the policies will NOT be enforced until one is enabled.',
          ]
        : []),
      ...(traits.cilium
        ? [
            'Cilium: pods keep pod and DNS traffic, but lose egress to node IPs (hostNetwork endpoints).',
          ]
        : []),
      'Roll back at any time with r (deletes only the policies this tool labelled as its own).',
    ],
    ...(n > TYPED_ABOVE ? { typed: ctx.cluster } : {}),
  };
}

/** Creates the policies one by one, journaled; stops at the first failure. Returns created ones. */
export async function createAll(
  ctx: StepContext,
  plan: ApplyPlan,
  traits: EngineTraits,
  progress: (line: string) => void,
  signal: AbortSignal,
): Promise<{
  created: string[];
  adopted: string[];
  /** The namespace whose create's answer was lost and stays unknown. */
  unknown?: string;
  /** The namespace whose create's answer was lost, where a read shows the policy not as sent. */
  differs?: string;
  failed?: string;
}> {
  const created: string[] = [];
  const adopted: string[] = [];
  for (const [i, ns] of plan.create.entries()) {
    if (signal.aborted)
      return { created, adopted, failed: 'cancelled: the remaining namespaces were not changed' };
    try {
      const found = await createOne(ctx, ns, traits);
      if (typeof found === 'object' && 'unknown' in found) {
        progress(`? ${ns}: ${found.unknown}`);
        return { created, adopted, unknown: ns, failed: `${ns}: ${found.unknown}` };
      }
      if (typeof found === 'object' && 'differs' in found) {
        // Ours may have been made and then changed, or another's made first: not said on a guess.
        const why = `the create was sent and its answer lost; reading it again shows ${OUR_POLICY_NAME} there but not as sent: ${found.differs.join('; ')}; it was left as it is`;
        progress(`✖ ${ns}: ${why}`);
        return { created, adopted, differs: ns, failed: `${ns}: ${why}` };
      }
      if (found !== 'created' && found !== 'same') {
        const why = `${OUR_POLICY_NAME} already exists and differs: ${found.join('; ')}; nothing was overwritten`;
        progress(`✖ ${ns}: ${why}`);
        return { created, adopted, failed: `${ns}: ${why}` };
      }
      created.push(ns);
      if (found === 'same') adopted.push(ns);
      progress(
        `✔ ${found === 'same' ? 'already in place' : 'created'} ${i + 1}/${plan.create.length}: ${ns}`,
      );
    } catch (error) {
      const why = describeKubeError(
        error,
        ctx.connection.kubeServer,
        `create a NetworkPolicy in ${ns}`,
      ).message;
      progress(`✖ ${ns}: ${why}`);
      return { created, adopted, failed: `${ns}: ${why}` };
    }
  }
  return { created, adopted };
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
    return { unknown: stillUnknownWords(`the create of ${where}`, check) };
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
