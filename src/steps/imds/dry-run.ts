import type { EngineTraits } from '../../checks/imds/engine.js';
import { restrictImdsPolicy } from '../../checks/imds/policy.js';
import { createNetworkPolicy } from '../../kube/network-policies.js';
import type { ApplyPlan } from './apply-plan.js';
import type { ImdsContext as StepContext } from './session.js';
import { createFailedWords, differsWords } from './create-words.js';
import { existingPolicy } from './existing.js';
import type { ImdsFacts } from '../../checks/imds/assess.js';
import { widensNow } from './live-check.js';
import { ChangedSinceLook, dryRunReplace } from './replace.js';

/**
 * Sends a server-side dry run of every policy; returns the refusals (empty when all passed).
 * Nothing is stored by a dry run, so it needs no confirmation and no journal intent.
 */
export async function dryRunAll(
  ctx: StepContext,
  facts: ImdsFacts,
  plan: ApplyPlan,
  traits: EngineTraits,
  progress: (line: string) => void,
  signal: AbortSignal,
): Promise<string[]> {
  const refused: string[] = [];
  for (const ns of plan.create) {
    if (signal.aborted) return [...refused, 'cancelled before every dry run was sent'];
    try {
      const widens = await widensNow(ctx, facts, ns, traits);
      if (widens) {
        refused.push(`${ns}: ${widens}`);
        progress(`✖ ${ns}: ${widens}`);
        continue;
      }
      const old = plan.replaces[ns];
      if (old) {
        await dryRunReplace(ctx, ns, traits, old);
        progress(`✔ dry run accepted: ${ns} (replaces the older policy)`);
        continue;
      }
      const found = await createNetworkPolicy(ctx.connection.kc, restrictImdsPolicy(ns, traits), {
        dryRun: true,
      }).then(
        () => 'created' as const,
        (error: unknown) => existingPolicy(ctx, restrictImdsPolicy(ns, traits), error),
      );
      if (found === 'created') progress(`✔ dry run accepted: ${ns}`);
      else if (found === 'same') progress(`✔ already in place: ${ns} (made since the look)`);
      else {
        const why = differsWords(found);
        refused.push(`${ns}: ${why}`);
        progress(`✖ ${ns}: ${why}`);
      }
    } catch (error) {
      const why =
        error instanceof ChangedSinceLook ? error.message : createFailedWords(ctx, ns, error);
      refused.push(`${ns}: ${why}`);
      progress(`✖ dry run refused: ${ns}: ${why}`);
    }
  }
  return refused;
}
