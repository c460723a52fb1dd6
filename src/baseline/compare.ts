import type { AuditReport, ReportedFinding } from '../report/audit-schema.js';
import { isUnreadFinding } from '../report/hole-findings.js';
import type { BaselineFinding, BaselineReport } from './baseline-report.js';

/**
 * Marks each finding of `report` new or unchanged against an earlier report of the same cluster
 * (pure), and lists as fixed the earlier findings that are gone, counting only steps that ran to
 * the end now and read all they check (a step that failed, was left out, or has a hole finding or
 * an unknown-fact one fixed nothing). Findings are the same when their
 * id and object are (the cluster is the same by choice of `previous`); among several such, one with
 * the same message is paired first. No earlier report: everything is new.
 */
export function compareWithBaseline(
  report: AuditReport,
  previous: BaselineReport | undefined,
  source: string,
): AuditReport {
  const pool = new Map<string, BaselineFinding[]>();
  for (const s of previous?.steps ?? []) {
    for (const f of s.findings) pool.set(key(f), [...(pool.get(key(f)) ?? []), f]);
  }
  const take = (f: ReportedFinding, sameMessage: boolean): boolean => {
    const list = pool.get(key(f)) ?? [];
    const at = list.findIndex((p) => !sameMessage || p.message === f.message);
    if (at < 0) return false;
    list.splice(at, 1);
    return true;
  };
  // Exact pairs first, so a finding whose message changed does not take another's partner.
  const exact = new Set<ReportedFinding>();
  for (const s of report.steps) for (const f of s.findings) if (take(f, true)) exact.add(f);
  const steps = report.steps.map((s) => ({
    ...s,
    findings: s.findings.map((f): ReportedFinding => ({
      ...f,
      change: exact.has(f) || take(f, false) ? 'unchanged' : 'new',
    })),
  }));
  // A step with a read refused or failed inside it, or a fact it could not read or tell, did not
  // look at everything: what it did not find now may be in the part it did not read (a window not
  // read hides a window missing), so nothing of it is "fixed", only not checked.
  const finished = new Set(
    report.steps
      .filter(
        (s) => (s.status === 'ok' || s.status === 'findings') && !s.findings.some(isUnreadFinding),
      )
      .map((s) => s.id),
  );
  const fixed = [...pool.values()]
    .flat()
    .filter((f) => finished.has(f.step))
    .map(asReported);
  // Findings of steps the baseline did not run to the end cannot be told apart: they count as new.
  const checkedBefore = new Set(
    (previous?.steps ?? [])
      .filter((s) => s.status === 'ok' || s.status === 'findings')
      .map((s) => s.id),
  );
  const uncompared = previous
    ? report.steps.filter((s) => s.findings.length > 0 && !checkedBefore.has(s.id)).map((s) => s.id)
    : [];
  const all = steps.flatMap((s) => s.findings);
  const count = (c: 'new' | 'unchanged') => all.filter((f) => f.change === c).length;
  return {
    ...report,
    steps,
    baseline: {
      source,
      found: previous !== undefined,
      ...(previous ? { generatedAt: previous.generatedAt } : {}),
      totals: { new: count('new'), unchanged: count('unchanged'), fixed: fixed.length },
      fixed,
      ...(uncompared.length > 0 ? { uncompared } : {}),
    },
  };
}

function key(f: {
  id: string;
  object?: { kind: string; namespace?: string; name: string } | undefined;
}): string {
  return [f.id, f.object?.kind ?? '', f.object?.namespace ?? '', f.object?.name ?? ''].join(
    '\u0000',
  );
}

/** An earlier finding in this version's shape (fields a newer release added are left out). */
function asReported(f: BaselineFinding): ReportedFinding {
  const out: ReportedFinding = { id: f.id, severity: f.severity, step: f.step, message: f.message };
  if (f.object) {
    out.object = { kind: f.object.kind, name: f.object.name };
    if (f.object.namespace !== undefined) out.object.namespace = f.object.namespace;
  }
  if (f.remediation !== undefined) out.remediation = f.remediation;
  return out;
}
