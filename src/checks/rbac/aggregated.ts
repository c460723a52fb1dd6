import type { Finding } from '../../model/finding.js';
import type { CheckContext } from './binding-findings.js';
import { AKS_AGGREGATORS, KUBERNETES_AGGREGATORS, carriesAksLabel } from './platform.js';
import { wildcardGrants } from './probes.js';
import { capabilitiesOf } from './questions.js';
import type { Binding, RbacFacts } from './types.js';
import { noun } from '../../model/plural.js';

const AGGREGATE_LABEL = /^rbac\.authorization\.k8s\.io\/aggregate-to-(admin|edit|view)$/;
const PROBE = { user: '', groups: ['aks-runbook:holder'] };

/**
 * Custom ClusterRoles that feed their rules into admin, edit or view for everyone bound to those.
 * Kubernetes' own feeders are known by exact name; any other role with the label is reported,
 * as medium when the evaluator finds a dangerous right in it (bound cluster-wide, as a test; one
 * half of a two-right capability is enough: those bound to admin or edit may hold the other).
 * An AKS add-on's feeder (by name and AKS label) is left out only while it grants nothing risky.
 */
export function aggregatedRoleFindings(facts: RbacFacts, ctx: CheckContext): Finding[] {
  return facts.clusterRoles.flatMap((r): Finding[] => {
    const name = r.metadata?.name ?? '';
    if (KUBERNETES_AGGREGATORS.has(name)) return [];
    const into = Object.entries(r.metadata?.labels ?? {})
      .filter(([k, v]) => v === 'true' && AGGREGATE_LABEL.test(k))
      .map(([k]) => k.replace(AGGREGATE_LABEL, '$1'));
    if (into.length === 0) return [];
    const test: Binding = {
      kind: 'ClusterRoleBinding',
      name: `test-${name}`,
      object: {
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
        subjects: [{ kind: 'Group', name: PROBE.groups[0]! }],
      },
    };
    const risky =
      capabilitiesOf(ctx.evaluator, PROBE, test, ctx.websocketGet, 'either').length > 0 ||
      wildcardGrants(ctx.evaluator, PROBE, test).length > 0;
    if (!risky && AKS_AGGREGATORS.has(name) && carriesAksLabel(r.metadata)) return [];
    return [
      {
        id: 'rbac.aggregated-role',
        severity: risky ? 'medium' : 'info',
        object: { kind: 'ClusterRole', name },
        message: `Its rules are added to the built-in ${into.join(', ')} ${noun(into.length, 'role')}, so everyone bound to those gets them${risky ? ', including broad or escalating rights' : ''}.`,
        remediation: 'Check that every holder of those built-in roles should have these rules.',
      },
    ];
  });
}
