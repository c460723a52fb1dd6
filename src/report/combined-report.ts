import type { ErrorKind } from '../model/errors.js';
import type { Severity } from '../model/finding.js';
import type { AuditReport } from './audit-schema.js';
import {
  COMBINED_SCHEMA_VERSION,
  type ClusterSection,
  type CombinedReport,
} from './combined-schema.js';

/** How the clusters file or the subscription list named a cluster (the command line's target). */
export interface NamedTarget {
  subscription?: string;
  resourceGroup?: string;
  name?: string;
  context?: string;
  simConnection?: string;
}

/** A cluster's section once its audit ran: forbidden when any step was refused. */
export function auditedSection(
  label: string,
  target: NamedTarget,
  report: AuditReport,
): ClusterSection {
  const refused = report.steps.filter((s) => s.status === 'forbidden').map((s) => s.id);
  const section: ClusterSection = {
    label,
    target: sectionTarget(target),
    outcome: refused.length > 0 ? 'forbidden' : 'audited',
    exitCode: report.exitCode,
    report,
  };
  if (refused.length > 0) section.reason = `not allowed to check: ${refused.join(', ')}`;
  return section;
}

/** A cluster's section when connecting failed: forbidden when Azure or Kubernetes refused. */
export function unreachedSection(
  label: string,
  target: NamedTarget,
  why: string,
  kind: ErrorKind | undefined,
): ClusterSection {
  return {
    label,
    target: sectionTarget(target),
    outcome: kind === 'forbidden' ? 'forbidden' : 'unreachable',
    reason: why,
    exitCode: 2,
  };
}

/** What goes into the combined report besides the sections. */
export interface CombinedInputs {
  clusters: ClusterSection[];
  failOn: Severity;
  version: string;
  startedAt: Date;
  finishedAt: Date;
  /** `--fail-on-new` was given (each section's verdict already follows it). */
  failOnNew?: boolean;
}

/** Assembles the version 2 report: totals over every cluster, exit code the worst of them. */
export function buildCombinedReport(inputs: CombinedInputs): CombinedReport {
  const totals: Record<Severity, number> = { info: 0, low: 0, medium: 0, high: 0 };
  for (const c of inputs.clusters) {
    for (const s of Object.keys(totals) as Severity[]) totals[s] += c.report?.totals[s] ?? 0;
  }
  const exitCode = Math.max(0, ...inputs.clusters.map((c) => c.exitCode)) as 0 | 1 | 2;
  const compared = inputs.clusters.flatMap((c) => (c.report?.baseline ? [c.report.baseline] : []));
  const changes = compared.reduce(
    (sum, b) => ({
      new: sum.new + b.totals.new,
      unchanged: sum.unchanged + b.totals.unchanged,
      fixed: sum.fixed + b.totals.fixed,
    }),
    { new: 0, unchanged: 0, fixed: 0 },
  );
  return {
    schema: 'aks-runbook/audit-report',
    schemaVersion: COMBINED_SCHEMA_VERSION,
    tool: { name: 'aks-runbook', version: inputs.version },
    generatedAt: inputs.finishedAt.toISOString(),
    durationMs: Math.max(0, inputs.finishedAt.getTime() - inputs.startedAt.getTime()),
    failOn: inputs.failOn,
    clusters: inputs.clusters,
    totals,
    exitCode,
    ...(compared.length > 0 ? { changes } : {}),
    ...(inputs.failOnNew ? { failOnNew: true } : {}),
  };
}

function sectionTarget(t: NamedTarget): ClusterSection['target'] {
  const out: ClusterSection['target'] = {};
  if (t.subscription) out.subscriptionId = t.subscription;
  if (t.resourceGroup) out.resourceGroup = t.resourceGroup;
  if (t.name) out.name = t.name;
  if (t.context) out.context = t.context;
  if (t.simConnection) out.simConnection = t.simConnection;
  return out;
}
