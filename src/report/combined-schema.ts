import { z } from 'zod';
import { SEVERITIES } from '../model/finding.js';
import { auditReportSchema, changeCounts } from './audit-schema.js';

/**
 * The version of the combined (many-cluster) report. A single-cluster audit still prints a
 * version 1 report; `--clusters` and `--all-in-subscription` print this one, whose sections each
 * hold a complete version 1 report.
 */
export const COMBINED_SCHEMA_VERSION = 2;

/** What became of one cluster of a multi-cluster audit. */
export const CLUSTER_OUTCOMES = ['audited', 'forbidden', 'unreachable'] as const;

const v1 = auditReportSchema.shape;

const target = z
  .object({
    subscriptionId: z.string().optional(),
    resourceGroup: z.string().optional(),
    name: z.string().optional(),
    context: z.string().optional(),
    simConnection: z.string().optional().describe('the simulator connection file, for tests'),
  })
  .strict()
  .describe('how the cluster was named in the clusters file or the subscription list');

const section = z
  .object({
    label: z.string().describe('the cluster as the clusters file or the subscription names it'),
    target,
    outcome: z
      .enum(CLUSTER_OUTCOMES)
      .describe('audited; forbidden (refused at connect or in a step); unreachable'),
    reason: z.string().optional().describe('why the cluster was not (fully) audited'),
    exitCode: v1.exitCode,
    report: auditReportSchema
      .optional()
      .describe('the version 1 report of this cluster; absent when it could not be reached'),
  })
  .strict();

/** The combined report, version 2: one section per cluster, audited one after another. */
export const combinedReportSchema = z
  .object({
    schema: v1.schema,
    schemaVersion: z.literal(COMBINED_SCHEMA_VERSION),
    tool: v1.tool,
    generatedAt: v1.generatedAt,
    durationMs: v1.durationMs,
    failOn: z.enum(SEVERITIES).describe('findings at or above this severity make the exit code 1'),
    clusters: z.array(section).min(1),
    totals: v1.totals.describe('findings of every cluster, by severity'),
    exitCode: v1.exitCode.describe('the worst exit code over the clusters'),
    // Added within version 2: present only with a baseline.
    changes: changeCounts
      .optional()
      .describe('new, unchanged and fixed findings over the clusters, against the baseline'),
    failOnNew: v1.failOnNew,
  })
  .strict();

/** The combined report as TypeScript sees it. */
export type CombinedReport = z.infer<typeof combinedReportSchema>;
/** One cluster's section of the combined report. */
export type ClusterSection = CombinedReport['clusters'][number];

/** The combined report's JSON Schema (draft 2020-12), as kept in `schema/audit-report.v2.json`. */
export function combinedReportJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://github.com/aks-runbook/aks-runbook/schema/audit-report.v2.json',
    title: 'aks-runbook audit report, version 2 (several clusters)',
    ...z.toJSONSchema(combinedReportSchema, { target: 'draft-2020-12' }),
  };
}
