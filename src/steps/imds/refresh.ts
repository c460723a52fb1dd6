import { assessmentFindings } from '../../checks/imds/assess.js';
import { enginePolicyFindings } from '../../checks/imds/engine-policies.js';
import { engineTraits, ipv6PodsIn } from '../../checks/imds/engine.js';
import { probeFindings } from '../../checks/imds/probe.js';
import { applyPlan } from './apply-plan.js';
import { buildRows, type ImdsRow } from './rows.js';
import { lookedAt, type ImdsSession } from './session.js';

/**
 * Rebuilds the table, findings, plan and action availability from the last look and the
 * operator's choices (choosing namespaces changes the plan only: findings come from the look,
 * and from the probes when there are).
 */
export function refresh(s: ImdsSession): void {
  const seen = lookedAt(s);
  if (!seen) return;
  const traits = engineTraits(seen.facts.engine, ipv6PodsIn(seen.facts.pods));
  const chosen = new Set(s.state.chosen);
  const { proposals = new Map(), rights = new Map() } = s.state;
  // The probe is on offer outside read-only and dry-run modes: only then do texts name `p`.
  const probe = !s.mode.readOnly && !s.mode.dryRun;
  const rows = buildRows(seen.assessment, proposals, chosen, rights, traits, probe);
  s.set({
    phase: 'ready',
    engine: traits.label,
    inert:
      traits.enforces === false
        ? 'No policy engine: policies are stored but will not be enforced.'
        : undefined,
    rows,
    ...(s.mode.readOnly
      ? { apply: undefined, rollback: undefined }
      : {
          apply: { unavailable: applyUnavailable(rows) },
          rollback: { unavailable: rollbackUnavailable(rows) },
          probe: { unavailable: probeUnavailable(rows, s.mode.dryRun) },
        }),
  });
  s.ctx.show({ plan: applyPlan(rows, traits, seen.facts.policies).lines });
  // With the probe on offer the exposure texts name it; the unread engine kinds are said either way.
  const findings = probe
    ? [
        ...assessmentFindings(seen.facts.engine, seen.assessment.namespaces, true),
        ...enginePolicyFindings(seen.facts.engine, seen.facts.enginePolicies),
      ]
    : seen.assessment.findings;
  s.findings([...findings, ...probeFindings(s.state.probes ?? [])]);
}

function applyUnavailable(rows: readonly ImdsRow[]): string | undefined {
  const targets = rows.filter((r) => r.chosen && r.action === 'create');
  if (targets.length === 0) return 'no chosen namespace lacks egress isolation';
  const refused = targets.filter((r) => r.rights.create);
  if (refused.length > 0)
    return `you may not create networkpolicies in ${refused.map((r) => r.namespace).join(', ')} (space excludes a namespace)`;
  return undefined;
}

function probeUnavailable(rows: readonly ImdsRow[], dryRun: boolean): string | undefined {
  if (dryRun) return 'a dry run cannot run a pod';
  if (!rows.some((r) => r.chosen)) return 'no namespace is chosen';
  return undefined;
}

function rollbackUnavailable(rows: readonly ImdsRow[]): string | undefined {
  const ours = rows.filter((r) => r.ours);
  if (ours.length === 0) return 'no policy created by aks-runbook is present';
  const refused = ours.filter((r) => r.rights.delete);
  if (refused.length > 0)
    return `you may not delete networkpolicies in ${refused.map((r) => r.namespace).join(', ')}`;
  return undefined;
}
