import { z } from 'zod';
import { SEVERITIES } from '../checks/finding.js';

/** The version of the audit report's shape; bumped on any change that breaks a reader. */
export const AUDIT_SCHEMA_VERSION = 1;

/** What a step's inspection came to in the audit. */
export const STEP_OUTCOMES = ['ok', 'findings', 'unavailable', 'forbidden', 'not-built'] as const;

const objectRef = z
  .object({
    kind: z.string().describe('Kubernetes kind or Azure resource type'),
    name: z.string(),
    namespace: z.string().optional(),
  })
  .strict();

const finding = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/)
      .describe('stable public identifier, e.g. rbac.user-subject'),
    severity: z.enum(SEVERITIES),
    step: z.string().describe('the checklist step that found it'),
    object: objectRef.optional(),
    message: z.string(),
    remediation: z.string().optional(),
    // Added within version 1: readers of older version 1 reports find it absent.
    confirmedBy: z
      .literal('api-server')
      .nullable()
      .optional()
      .describe(
        'api-server when the cluster confirmed the finding (a SubjectAccessReview answered yes); null when not confirmed',
      ),
  })
  .strict();

const step = z
  .object({
    id: z.string(),
    title: z.string(),
    status: z.enum(STEP_OUTCOMES),
    reason: z.string().optional().describe('why the step is unavailable, forbidden or not built'),
    durationMs: z.number().int().nonnegative().optional(),
    summary: z.array(z.string()).optional(),
    findings: z.array(finding),
  })
  .strict();

const severityCounts = z
  .object({
    info: z.number().int(),
    low: z.number().int(),
    medium: z.number().int(),
    high: z.number().int(),
  })
  .strict();

/** The audit report, version 1: what `aks-runbook audit --output json` prints. */
export const auditReportSchema = z
  .object({
    schema: z.literal('aks-runbook/audit-report').describe('what this document is'),
    schemaVersion: z.literal(AUDIT_SCHEMA_VERSION),
    tool: z.object({ name: z.literal('aks-runbook'), version: z.string() }).strict(),
    generatedAt: z.iso.datetime().describe('when the audit finished (UTC)'),
    durationMs: z.number().int().nonnegative(),
    cluster: z
      .object({
        name: z.string(),
        server: z.string().describe('the Kubernetes API server URL'),
        kubernetesVersion: z.string(),
        subscriptionId: z.string().optional(),
        resourceGroup: z.string().optional(),
        location: z.string().optional(),
        simulated: z.boolean().describe('true for --demo and --sim-connection'),
      })
      .strict(),
    failOn: z.enum(SEVERITIES).describe('findings at or above this severity make the exit code 1'),
    steps: z.array(step),
    totals: severityCounts,
    exitCode: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  })
  .strict();

/** The audit report as TypeScript sees it. */
export type AuditReport = z.infer<typeof auditReportSchema>;
/** One step's part of the report. */
export type StepReport = AuditReport['steps'][number];
/** One finding as the report carries it (with the step that found it). */
export type ReportedFinding = StepReport['findings'][number];
/** What a step's inspection came to. */
export type StepOutcome = (typeof STEP_OUTCOMES)[number];

/** The report's JSON Schema (draft 2020-12), as kept in `schema/audit-report.v1.json`. */
export function auditReportJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://github.com/aks-runbook/aks-runbook/schema/audit-report.v1.json',
    title: 'aks-runbook audit report, version 1',
    ...z.toJSONSchema(auditReportSchema, { target: 'draft-2020-12' }),
  };
}
