import type { V1NetworkPolicy, V1NetworkPolicyEgressRule } from '@kubernetes/client-node';
import type { ImdsFacts } from '../../checks/imds/assess.js';
import { ipv6PeerSafe, verdictPlanes } from '../../checks/imds/engine.js';
import { checkChange, type FixCheck } from '../../checks/imds/fix-check.js';
import { policyEdit } from '../../checks/imds/fixes.js';
import { describeKubeError } from '../../kube/errors.js';
import { readNetworkPolicy, replaceEgress } from '../../kube/network-policies.js';
import type { ImdsContext as StepContext } from './session.js';
import { policyFacts } from './policy-facts.js';
import { codeBlock, type ViewItem } from '../contract/view.js';
import { kubeYaml } from '../../model/kube-yaml.js';

/** One edit of an operator's policy: the rules that open the endpoint, closed, and its check. */
export interface RuleEdit {
  namespace: string;
  name: string;
  resourceVersion: string;
  /** What changes, rule by rule (indices as stored before the edit). */
  changes: string[];
  before: V1NetworkPolicyEgressRule[];
  after: V1NetworkPolicyEgressRule[];
  /** Written out when the stored policy left them implicit (an emptied egress keeps its isolation). */
  policyTypes?: string[];
  check: FixCheck;
}

/**
 * Reads the named policies as stored now and computes the edit of each from the live object (not
 * from the inspection, which may be stale); fields this tool does not know are kept as they are.
 * Each edit is checked against the facts with the live policy in place.
 */
export async function planRuleEdits(
  ctx: StepContext,
  facts: ImdsFacts,
  namespace: string,
  names: readonly string[],
): Promise<RuleEdit[]> {
  const planes = verdictPlanes(facts.engine);
  const edits: RuleEdit[] = [];
  for (const name of names) {
    const live = await readNetworkPolicy(ctx.connection.kc, { namespace, name });
    const before = live.spec?.egress ?? [];
    const edit = policyEdit({ ...policyFacts(live), egress: before }, planes, {
      ipv6: ipv6PeerSafe(facts.engine),
    });
    if (!edit) continue;
    const edited: V1NetworkPolicy = {
      ...live,
      spec: {
        ...live.spec,
        podSelector: live.spec?.podSelector ?? {},
        egress: edit.egress,
        ...(edit.policyTypes ? { policyTypes: edit.policyTypes } : {}),
      },
    };
    const others = facts.policies.filter((p) => p.namespace === namespace && p.name !== name);
    const check = checkChange(
      {
        ...facts,
        policies: [
          ...facts.policies.filter((p) => p.namespace !== namespace),
          ...others,
          policyFacts(live),
        ],
      },
      namespace,
      [...others, policyFacts(edited)],
    );
    edits.push({
      namespace,
      name,
      resourceVersion: live.metadata?.resourceVersion ?? '',
      changes: edit.changes,
      before,
      after: edit.egress,
      ...(edit.policyTypes ? { policyTypes: edit.policyTypes } : {}),
      check,
    });
  }
  return edits;
}

/** The edits as lines: what changes in which policy, the check, then the edited egress as YAML. */
export function describeEdits(edits: readonly RuleEdit[]): ViewItem[] {
  return edits.flatMap((e): ViewItem[] => [
    `${e.namespace}/${e.name}: ${e.changes.join('; ')}; spec.egress becomes:`,
    codeBlock(kubeYaml(e.after)),
    ...(e.policyTypes
      ? [`and spec.policyTypes is written out: [${e.policyTypes.join(', ')}]`]
      : []),
    e.check.safe
      ? `Checked: ${e.check.asked} questions, nothing newly allowed.`
      : `✖ Not offered: ${e.check.why}.`,
    ...(e.check.alsoCloses.length > 0
      ? [`Besides 169.254.169.254 it also closes: ${e.check.alsoCloses.join(', ')}.`]
      : []),
  ]);
}

/** The confirmation for editing operator-owned policies. */
export function editConfirmation(ctx: StepContext, edits: readonly RuleEdit[]) {
  const closes = [...new Set(edits.flatMap((e) => e.check.alsoCloses))];
  return {
    cluster: ctx.cluster,
    change: `Edit ${edits.map((e) => `NetworkPolicy ${e.namespace}/${e.name}`).join(', ')}: stop ${edits.length === 1 ? 'its' : 'their'} rules from allowing 169.254.169.254`,
    details: [
      ...edits.map((e) => `${e.namespace}/${e.name}: ${e.changes.join('; ')}`),
      'Checked before this question: the edit opens nothing that was closed.',
      ...(closes.length > 0
        ? [`Besides 169.254.169.254 it also closes: ${closes.join(', ')}.`]
        : []),
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
    const send = () =>
      replaceEgress(ctx.connection.kc, at, e.after, {
        dryRun,
        ...(e.policyTypes ? { policyTypes: e.policyTypes } : {}),
      });
    try {
      if (dryRun) await send();
      else
        await ctx.journal.mutation(
          {
            step: 'imds',
            action: 'edit networkpolicy egress',
            target: `networkpolicy/${e.namespace}/${e.name}`,
            detail: { changes: e.changes, before: e.before, after: e.after },
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
