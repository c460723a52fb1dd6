import { UserError, kindOf } from '../model/errors.js';
import {
  buildCombinedReport,
  auditedSection,
  unreachedSection,
} from '../report/combined-report.js';
import type { ClusterSection } from '../report/combined-schema.js';
import { renderCombined } from '../report/render-combined.js';
import type { CloudName } from '../azure/clouds.js';
import type { AuditCommandOptions } from './audit-args.js';
import type { ClusterEntry } from './clusters-file.js';
import type { AuditDeps, AuditIo } from './run-audit.js';
import { packageVersion } from './version.js';
import { visible } from '../model/visible-text.js';

/** Where the clusters of a multi-cluster audit come from. */
export type ClusterSource =
  | { kind: 'file'; file: string; cloud: CloudName; subscription?: string }
  | { kind: 'subscription'; cloud: CloudName; subscription?: string; simConnection?: string }
  | { kind: 'inventory'; cloud: CloudName; simConnection?: string };

/**
 * `aks-runbook audit --clusters FILE` and `--all-in-subscription`: audits the clusters one after
 * another, prints one combined report (schema version 2) and resolves to the worst exit code.
 * Each cluster that could not be reached or was refused is also named on stderr.
 */
export async function runAuditMany(
  source: ClusterSource,
  options: AuditCommandOptions,
  env: NodeJS.ProcessEnv,
  io: AuditIo,
  deps: AuditDeps = {},
): Promise<number> {
  // Progress names clusters and carries server messages: data, shown visibly.
  const say = (line: string): void => {
    if (io.progress) io.err(`${visible(line)}\n`);
  };
  const startedAt = new Date();
  // The files are checked before the Kubernetes and Azure SDKs load: a typo answers at once.
  const entries = await clusterEntries(source, env, say);
  const { openGates, gateReport, keepRecord } = await import('./audit-gates.js');
  const simulated = entries.every((e) => e.target.demo || e.target.simConnection !== undefined);
  const gates = await openGates(options, env, simulated);
  const { auditCluster, deliverReport } = await import('./run-audit.js');
  const { asUserError } = await import('../runbook/start-session.js');
  const sections: ClusterSection[] = [];
  for (const [index, entry] of entries.entries()) {
    // One cluster at a time: a problem on one is understood before the next is touched.
    say(`[${index + 1}/${entries.length}] ${entry.label}`);
    const section = await auditCluster(entry.target, options, env, (l) => say(`  ${l}`), deps)
      .then((report) => gateReport(report, gates))
      .then(
        async (report) => {
          await keepRecord(report, env, io);
          return auditedSection(entry.label, entry.target, report);
        },
        (error: unknown) =>
          unreachedSection(entry.label, entry.target, asUserError(error).message, kindOf(error)),
      );
    if (section.exitCode === 2) {
      const why = `${entry.label}: ${section.outcome}: ${section.reason ?? ''}`;
      io.err(`aks-runbook: cluster ${visible(why)}\n`);
    }
    sections.push(section);
  }
  const report = buildCombinedReport({
    clusters: sections,
    failOn: options.failOn,
    ...(options.failOnNew ? { failOnNew: true } : {}),
    version: packageVersion(),
    startedAt,
    finishedAt: new Date(),
  });
  await deliverReport(renderCombined(report, options.output), options, io, say);
  return report.exitCode;
}

async function clusterEntries(
  source: ClusterSource,
  env: NodeJS.ProcessEnv,
  say: (line: string) => void,
): Promise<ClusterEntry[]> {
  if (source.kind === 'file') {
    const { readClustersFile } = await import('./clusters-file.js');
    return readClustersFile(source.file, source);
  }
  if (source.kind === 'inventory') {
    const { inventoryEntries } = await import('./inventory-entries.js');
    say('Listing every AKS cluster you can see through Azure Resource Graph');
    return inventoryEntries(source, env);
  }
  const { subscriptionClusters } = await import('../runbook/subscription-clusters.js');
  say('Listing the AKS clusters of the subscription');
  // The audit only reads: the listing's client refuses writes like every audit request.
  const listed = await subscriptionClusters(
    { ...source, mode: { readOnly: true, dryRun: false } },
    env,
  );
  if (listed.clusters.length === 0) {
    throw new UserError(`subscription ${listed.subscriptionId} has no AKS clusters to audit`);
  }
  return listed.clusters.map((c) => ({
    label: `${c.resourceGroup}/${c.name}`,
    target: listed.targetOf(c),
  }));
}
