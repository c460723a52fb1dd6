import { stringify } from 'yaml';
import type { ImdsAssessment, ImdsFacts } from '../../checks/imds/assess.js';
import type { EngineTraits } from '../../checks/imds/engine.js';
import type { VerdictKind } from '../../checks/imds/evaluate.js';
import { ruleFixes, targetedPolicies } from '../../checks/imds/fixes.js';
import { verdictFindings } from '../../checks/imds/findings.js';
import { restrictImdsPolicy } from '../../checks/imds/policy.js';
import type { Finding } from '../../checks/finding.js';
import type { NamespaceRights } from './rights.js';

/** What applying would do in a namespace: create our policy, leave a fix to review, or nothing. */
export type RowAction = 'create' | 'review' | 'none';

/** One namespace row of the step's table. */
export interface ImdsRow {
  namespace: string;
  verdict: VerdictKind;
  /** Why it is out of scope by default (system namespace). */
  system?: string;
  chosen: boolean;
  policies: number;
  egressPolicies: number;
  pods: number;
  hostNetworkPods: number;
  action: RowAction;
  /** NetworkPolicy rights refused here (create / delete), with the reason. */
  rights: NamespaceRights;
  /** A policy created by this step is present. */
  ours: boolean;
  findings: Finding[];
  /** The YAML the operator should read: our policy, or the edit/targeted policy to review. */
  details: string[];
}

function actionOf(kind: VerdictKind): RowAction {
  if (kind === 'exposed') return 'create';
  if (kind === 'blocked') return 'none';
  return 'review';
}

function detailsOf(
  row: { namespace: string; action: RowAction },
  facts: ImdsFacts,
  assessment: ImdsAssessment,
  traits: EngineTraits,
): string[] {
  const verdict = assessment.namespaces.find((a) => a.verdict.namespace === row.namespace)!.verdict;
  if (row.action === 'create') {
    return [
      'Applying creates this policy (nothing else changes in the namespace). Unlike the AKS article sample (10.10.0.0/0#example, which the API server rejects), it is valid and only removes 169.254.169.254:',
      ...stringify(restrictImdsPolicy(row.namespace, traits)).trimEnd().split('\n'),
    ];
  }
  if (row.action === 'none')
    return ['Blocked: every pod, now and later, is kept from 169.254.169.254.'];
  const fixes = [
    ...ruleFixes(verdict, facts.policies, traits),
    ...(verdict.kind === 'partial' || verdict.unisolated.length > 0
      ? targetedPolicies(verdict, facts.pods, traits)
      : []),
  ];
  return [
    'Not changed by this step: adding an allow-all-but-metadata policy here would widen pods that are already restricted. Review these instead:',
    ...fixes.flatMap((fix) => ['', fix.title, ...(fix.yaml ? fix.yaml.trimEnd().split('\n') : [])]),
  ];
}

/** The table rows for the current facts, choices and rights. */
export function buildRows(
  facts: ImdsFacts,
  assessment: ImdsAssessment,
  chosen: ReadonlySet<string>,
  rights: ReadonlyMap<string, NamespaceRights>,
  traits: EngineTraits,
): ImdsRow[] {
  return assessment.namespaces.map(({ verdict, system }) => {
    const action = actionOf(verdict.kind);
    const row = { namespace: verdict.namespace, action };
    return {
      namespace: verdict.namespace,
      verdict: verdict.kind,
      ...(system ? { system } : {}),
      chosen: chosen.has(verdict.namespace),
      policies: verdict.policies.length,
      egressPolicies: verdict.egressPolicies.length,
      pods: verdict.pods,
      hostNetworkPods: verdict.hostNetworkPods.length,
      action,
      rights: rights.get(verdict.namespace) ?? {},
      ours: verdict.hasOurPolicy,
      findings: verdictFindings(verdict),
      details: detailsOf(row, facts, assessment, traits),
    };
  });
}
