import type { V1NetworkPolicyEgressRule } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { IMDS_CIDR } from '../../checks/imds/cidr.js';
import type { EngineTraits } from '../../checks/imds/engine.js';
import { closeImdsInRule } from '../../checks/imds/fixes.js';
import { reopeningsOf } from '../../checks/imds/rules.js';
import { describeKubeError } from '../../kube/errors.js';
import { readNetworkPolicy, replaceEgress } from '../../kube/network-policies.js';
import type { StepContext } from '../types.js';
import { policyFacts } from './read-facts.js';

/** One edit of an operator's policy: the rules that open the endpoint get an except. */
export interface RuleEdit {
  namespace: string;
  name: string;
  resourceVersion: string;
  rules: number[];
  before: V1NetworkPolicyEgressRule[];
  after: V1NetworkPolicyEgressRule[];
}

/**
 * Reads the named policies as stored now and computes the edit of each from the live object (not
 * from the inspection, which may be stale); fields this tool does not know are kept as they are.
 */
export async function planRuleEdits(
  ctx: StepContext,
  namespace: string,
  names: readonly string[],
  traits: EngineTraits,
): Promise<RuleEdit[]> {
  const edits: RuleEdit[] = [];
  for (const name of names) {
    const live = await readNetworkPolicy(ctx.connection.kc, { namespace, name });
    const rules = reopeningsOf(policyFacts(live)).map((r) => r.rule);
    if (rules.length === 0) continue;
    const before = live.spec?.egress ?? [];
    const after = before.map((rule, i) =>
      rules.includes(i) ? closeImdsInRule(rule, traits) : rule,
    );
    edits.push({
      namespace,
      name,
      resourceVersion: live.metadata?.resourceVersion ?? '',
      rules,
      before,
      after,
    });
  }
  return edits;
}

/** The edits as lines: which rule of which policy, then the edited egress as YAML. */
export function describeEdits(edits: readonly RuleEdit[]): string[] {
  return edits.flatMap((e) => [
    `${e.namespace}/${e.name}: egress rule ${e.rules.join(', ')} gets except ${IMDS_CIDR}; spec.egress becomes:`,
    ...stringify(e.after).trimEnd().split('\n'),
  ]);
}

/** The confirmation for editing operator-owned policies. */
export function editConfirmation(ctx: StepContext, edits: readonly RuleEdit[]) {
  return {
    cluster: ctx.cluster,
    change: `Edit ${edits.map((e) => `NetworkPolicy ${e.namespace}/${e.name}`).join(', ')}: stop ${edits.length === 1 ? 'its' : 'their'} rules from allowing 169.254.169.254`,
    details: [
      'Every other destination and port the rules allow stays allowed.',
      "The policies are yours, not this tool's: rollback (r) does not undo this; the previous spec.egress is saved in the journal.",
    ],
  };
}

/** Dry-runs (dryRun true) or applies each edit, journaled; stops at the first failure. */
export async function sendEdits(
  ctx: StepContext,
  edits: readonly RuleEdit[],
  dryRun: boolean,
  progress: (line: string) => void,
): Promise<string | undefined> {
  for (const e of edits) {
    const at = { namespace: e.namespace, name: e.name, resourceVersion: e.resourceVersion };
    const send = () => replaceEgress(ctx.connection.kc, at, e.after, { dryRun });
    try {
      if (dryRun) await send();
      else
        await ctx.journal.mutation(
          {
            step: 'imds',
            action: 'edit networkpolicy egress',
            target: `networkpolicy/${e.namespace}/${e.name}`,
            detail: { rules: e.rules, before: e.before, after: e.after },
          },
          send,
        );
      progress(`✔ ${dryRun ? 'dry run accepted' : 'edited'}: ${e.namespace}/${e.name}`);
    } catch (error) {
      const why = describeKubeError(
        error,
        ctx.connection.kubeServer,
        `edit NetworkPolicy ${e.namespace}/${e.name}`,
      ).message;
      progress(`✖ ${e.namespace}/${e.name}: ${why}`);
      return why;
    }
  }
  return undefined;
}
