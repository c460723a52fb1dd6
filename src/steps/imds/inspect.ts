import { assessImds, type ImdsAssessment, type ImdsFacts } from '../../checks/imds/assess.js';
import { forbiddenFinding } from '../../checks/imds/findings.js';
import { engineTraits, ipv6PodsIn } from '../../checks/imds/engine.js';
import type { NamespaceVerdict } from '../../checks/imds/evaluate.js';
import type { InspectContext, Inspection } from '../contract/module.js';
import { readImdsFacts } from './read-facts.js';

/** What the imds inspection found: the facts and their evaluation, or a refused read. */
export type ImdsInspected =
  { facts: ImdsFacts; assessment: ImdsAssessment } | { forbidden: string };

const VERDICT_WORDS = {
  blocked: '✔ blocked',
  exposed: '✖ exposed',
  reopened: '✖ rule re-opens',
  partial: '△ partial',
} as const;

/** A namespace's verdict in words; "blocked" holds only if an engine enforces the policies. */
function verdictWords(
  v: Pick<
    NamespaceVerdict,
    'kind' | 'enforced' | 'intercepted' | 'engine' | 'windowsUnenforced' | 'enginePoliciesUnread'
  >,
): string {
  if (v.enforced === false) return `✖ not enforced (the policies alone: ${v.kind})`;
  // Windows pods the engine does not enforce reach the endpoint whatever the policies say.
  if (v.windowsUnenforced && v.kind !== 'exposed')
    return `✖ not enforced for Windows pods (the policies alone: ${v.kind})`;
  if (v.engine && v.engine.unknown.length > 0 && v.kind !== 'reopened') {
    const which = v.engine.unknown.map((u) => u.policy).join(', ');
    return v.kind === 'blocked'
      ? `? not known (${which})`
      : `${VERDICT_WORDS[v.kind]}, ? not known for some pods (${which})`;
  }
  if (v.engine && v.engine.opens.length > 0) return '✖ engine policy re-opens';
  if (v.intercepted && v.kind === 'blocked')
    return '✖ intercepted by NMI (the policies alone: blocked)';
  if (v.enginePoliciesUnread && v.kind === 'blocked')
    return '△ blocked by NetworkPolicies (engine policies unread)';
  if (v.enforced === undefined && v.kind === 'blocked')
    return '△ blocked if enforced (policy engine unknown)';
  return VERDICT_WORDS[v.kind];
}

/** The read-only inspection (the headless audit runs this): user namespaces by the default rule. */
export async function inspectImds(ctx: InspectContext): Promise<Inspection<ImdsInspected>> {
  const read = await readImdsFacts(ctx.connection);
  if ('forbidden' in read) {
    const finding = forbiddenFinding(read.forbidden.what, read.forbidden.detail);
    return { facts: { forbidden: finding.message }, findings: [finding] };
  }
  const assessment = assessImds(read.facts);
  // Every user namespace is summarised, chosen by default or not: its verdict is a finding.
  const scope = new Set(
    assessment.namespaces.filter((a) => a.system === undefined).map((a) => a.verdict.namespace),
  );
  return {
    facts: { facts: read.facts, assessment },
    findings: assessment.findings,
    summary: [
      engineTraits(read.facts.engine, ipv6PodsIn(read.facts.pods)).label,
      ...(read.facts.nodesUnread
        ? [
            `Nodes not read (${read.facts.nodesUnread}): a pod that does not declare its OS is judged by its scheduling alone.`,
          ]
        : []),
      ...assessment.namespaces
        .filter((a) => scope.has(a.verdict.namespace))
        .map((a) => `${a.verdict.namespace}: ${verdictWords(a.verdict)}`),
    ],
  };
}
