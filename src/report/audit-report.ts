import type { Severity } from '../model/finding.js';
import type { Connection } from '../model/connection.js';
import { AUDIT_SCHEMA_VERSION, type AuditReport, type StepReport } from './audit-schema.js';
import { auditExitCode, severityTotals } from './exit-code.js';

/** What goes into a report besides the step results. */
export interface ReportInputs {
  connection: Connection;
  steps: StepReport[];
  failOn: Severity;
  version: string;
  simulated: boolean;
  startedAt: Date;
  finishedAt: Date;
}

/** Assembles the versioned audit report (no secrets: identity and findings only). */
export function buildAuditReport(inputs: ReportInputs): AuditReport {
  const { summary } = inputs.connection;
  const cluster: AuditReport['cluster'] = {
    name: summary.name,
    server: inputs.connection.kubeServer,
    kubernetesVersion: summary.kubernetesVersion ?? summary.serverVersion,
    simulated: inputs.simulated,
  };
  if (summary.subscriptionId) cluster.subscriptionId = summary.subscriptionId;
  if (summary.resourceGroup) cluster.resourceGroup = summary.resourceGroup;
  if (summary.location) cluster.location = summary.location;
  if (summary.warnings?.length) cluster.warnings = summary.warnings;
  return {
    schema: 'aks-runbook/audit-report',
    schemaVersion: AUDIT_SCHEMA_VERSION,
    tool: { name: 'aks-runbook', version: inputs.version },
    generatedAt: inputs.finishedAt.toISOString(),
    durationMs: Math.max(0, inputs.finishedAt.getTime() - inputs.startedAt.getTime()),
    cluster,
    failOn: inputs.failOn,
    steps: inputs.steps,
    totals: severityTotals(inputs.steps),
    exitCode: auditExitCode(inputs.steps, inputs.failOn),
  };
}
