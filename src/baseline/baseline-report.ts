import { z } from 'zod';
import { SEVERITIES } from '../model/finding.js';

// What a baseline needs of an earlier report. Loose on purpose: fields are only ever added within
// a version, so a report written by a newer release of the same version still serves.
const objectRef = z
  .object({ kind: z.string(), name: z.string(), namespace: z.string().optional() })
  .loose();

const finding = z
  .object({
    id: z.string(),
    severity: z.enum(SEVERITIES),
    step: z.string(),
    object: objectRef.optional(),
    message: z.string(),
    remediation: z.string().optional(),
  })
  .loose();

const report = z
  .object({
    schema: z.literal('aks-runbook/audit-report'),
    schemaVersion: z.literal(1),
    generatedAt: z.iso.datetime(),
    cluster: z
      .object({
        name: z.string(),
        subscriptionId: z.string().optional(),
        resourceGroup: z.string().optional(),
        server: z.string().optional(),
        simulated: z.boolean(),
      })
      .loose(),
    steps: z.array(
      z.object({ id: z.string(), status: z.string(), findings: z.array(finding) }).loose(),
    ),
  })
  .loose();

const combined = z
  .object({
    schema: z.literal('aks-runbook/audit-report'),
    schemaVersion: z.literal(2),
    clusters: z.array(z.object({ report: report.optional() }).loose()),
  })
  .loose();

/** An earlier single-cluster report, as far as a baseline reads it. */
export type BaselineReport = z.infer<typeof report>;
/** One finding of an earlier report. */
export type BaselineFinding = z.infer<typeof finding>;

/**
 * The cluster reports in an earlier `--output json` report: the one of a version 1 report, or
 * every audited cluster's of a version 2 one; or the first problem when it is not such a report.
 */
export function baselineReports(
  data: unknown,
): { reports: BaselineReport[] } | { problem: string } {
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  const parsed = version === 2 ? combined.safeParse(data) : report.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      problem: `${issue?.path.join('.') || 'the document'}: ${issue?.message ?? 'invalid'}`,
    };
  }
  const reports =
    version === 2
      ? (parsed.data as z.infer<typeof combined>).clusters.flatMap((c) =>
          c.report ? [c.report] : [],
        )
      : [parsed.data as BaselineReport];
  return { reports };
}

/**
 * Whether two reports are about the same cluster: name and simulated or not; then the ARM
 * coordinates when both have them, else the API server (a context's name alone is not a cluster's:
 * `prod` in two kubeconfigs). A report without a server matches no cluster named by context.
 */
export function sameCluster(a: BaselineReport['cluster'], b: BaselineReport['cluster']): boolean {
  if (a.name !== b.name || a.simulated !== b.simulated) return false;
  if (byArm(a) && byArm(b)) {
    return (
      a.subscriptionId === b.subscriptionId &&
      a.resourceGroup!.toLowerCase() === b.resourceGroup!.toLowerCase()
    );
  }
  const server = normalServer(a.server);
  return server !== '' && server === normalServer(b.server);
}

/** A server URL as compared: `https://host:6443/` and `https://host:6443` are one server. */
export function normalServer(server: string | undefined): string {
  return (server ?? '').replace(/\/+$/, '');
}

function byArm(c: BaselineReport['cluster']): boolean {
  return c.subscriptionId !== undefined && c.resourceGroup !== undefined;
}
