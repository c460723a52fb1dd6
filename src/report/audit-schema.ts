import { z } from 'zod';
import { ERROR_KINDS } from '../model/errors.js';
import { SEVERITIES } from '../model/finding.js';
import { SUBJECT_KINDS } from '../model/directory.js';

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
    // Added within version 1: absent in older reports and on findings about no Entra identity.
    subject: z
      .object({
        kind: z.enum(SUBJECT_KINDS),
        id: z.string().describe('object id or UPN, as the cluster or Azure names it'),
        name: z.string().optional().describe('display name from Microsoft Graph, when resolved'),
      })
      .strict()
      .optional()
      .describe('the Entra user, group or service principal the finding is about'),
    // Added within version 1: readers of older version 1 reports find it absent.
    confirmedBy: z
      .literal('api-server')
      .nullable()
      .optional()
      .describe(
        'api-server when the cluster confirmed the finding (a SubjectAccessReview answered yes); null when not confirmed',
      ),
    // Added within version 1 (waivers and baselines): absent when no waiver or baseline was used.
    waiver: z
      .object({
        reason: z.string(),
        owner: z.string(),
        expires: z.iso.date().describe('last day (UTC) the waiver holds'),
        file: z.string(),
        entry: z.number().int().positive().describe('its position in the file, from 1'),
      })
      .strict()
      .optional()
      .describe('the waiver that accepts this finding: it does not count for failOn'),
    change: z
      .enum(['new', 'unchanged'])
      .optional()
      .describe('against the baseline: new, or present there too (only with a baseline)'),
  })
  .strict();

export const changeCounts = z
  .object({
    new: z.number().int().nonnegative(),
    unchanged: z.number().int().nonnegative(),
    fixed: z.number().int().nonnegative(),
  })
  .strict();

const step = z
  .object({
    id: z
      .string()
      .describe('the checklist step; "waivers" holds the findings about the waivers file'),
    title: z.string(),
    status: z.enum(STEP_OUTCOMES),
    reason: z.string().optional().describe('why the step is unavailable, forbidden or not built'),
    // Added within version 1: present when the step could not finish (a hole in the audit).
    errorKind: z
      .enum(ERROR_KINDS)
      .optional()
      .describe('what stopped the step: the kind of failure (unavailable and forbidden steps)'),
    missing: z
      .string()
      .optional()
      .describe('what the audit did not check because this step could not finish'),
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
        // Added within version 1: present only when there is something to say.
        warnings: z
          .array(z.string())
          .optional()
          .describe(
            'what the reader must know before trusting this report, e.g. that the API server certificate was not verified (insecure-skip-tls-verify)',
          ),
      })
      .strict(),
    failOn: z.enum(SEVERITIES).describe('findings at or above this severity make the exit code 1'),
    steps: z.array(step),
    totals: severityCounts,
    exitCode: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    // Added within version 1: present only when a waivers file or a baseline was used.
    waivers: z
      .object({
        file: z.string(),
        entries: z.number().int().nonnegative(),
        waived: z.number().int().nonnegative().describe('findings a waiver accepts'),
        expired: z.number().int().nonnegative(),
        unused: z.number().int().nonnegative(),
      })
      .strict()
      .optional()
      .describe('the waivers file in force for this cluster'),
    baseline: z
      .object({
        source: z.string().describe('the baseline file, or the recorded last audit'),
        found: z.boolean().describe('false when the baseline holds no audit of this cluster'),
        generatedAt: z.iso.datetime().optional().describe('when the baseline audit finished'),
        totals: changeCounts,
        fixed: z
          .array(finding)
          .describe('findings of the baseline gone now, from steps that ran to the end now'),
        uncompared: z
          .array(z.string())
          .optional()
          .describe('steps with findings now that the baseline did not run to the end: all new'),
      })
      .strict()
      .optional()
      .describe('what changed since an earlier audit of this cluster'),
    failOnNew: z
      .boolean()
      .optional()
      .describe('true when only new findings (against the baseline) count for failOn'),
  })
  .strict();

/** Counts of new, unchanged and fixed findings against a baseline. */
export type ChangeCounts = z.infer<typeof changeCounts>;

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
