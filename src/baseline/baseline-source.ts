import { fileReason } from '../model/file-reason.js';
import { readFile } from 'node:fs/promises';
import { UserError, messageOf } from '../model/errors.js';
import type { AuditReport } from '../report/audit-schema.js';
import { auditRecordPath, lastAuditText } from './audit-record.js';
import { baselineReports, sameCluster, type BaselineReport } from './baseline-report.js';

/** The earlier report of one cluster, and how the report names where it came from. */
export interface BaselineMatch {
  source: string;
  report?: BaselineReport;
}

/** `--baseline FILE|last`, opened: finds the earlier report of a cluster. */
export interface BaselineSource {
  find(cluster: AuditReport['cluster']): Promise<BaselineMatch>;
}

/**
 * Opens `--baseline`: `last` looks up each cluster's recorded last audit when asked; a file is
 * read and checked at once (a report of version 1 or 2), so a wrong path fails before any cluster
 * is touched, in one line.
 */
export async function openBaseline(spec: string, env: NodeJS.ProcessEnv): Promise<BaselineSource> {
  if (spec === 'last') return { find: (cluster) => lastAudit(cluster, env) };
  let text: string;
  try {
    text = await readFile(spec, 'utf8');
  } catch (error) {
    throw new UserError(
      `cannot read the baseline ${spec}: ${fileReason(error)}; check the path, its permissions and free disk space`,
    );
  }
  const parsed = parseReports(text);
  if ('problem' in parsed) {
    throw new UserError(
      `the baseline ${spec} is not an aks-runbook JSON report (--output json): ${parsed.problem}`,
    );
  }
  return {
    find: (cluster) => {
      const report = parsed.reports.find((r) => sameCluster(r.cluster, cluster));
      return Promise.resolve(report ? { source: spec, report } : { source: spec });
    },
  };
}

/** The recorded last audit of a cluster; a record that cannot be read counts as none. */
async function lastAudit(
  cluster: AuditReport['cluster'],
  env: NodeJS.ProcessEnv,
): Promise<BaselineMatch> {
  try {
    const { path, text, legacy } = await lastAuditText(cluster, env);
    if (path === undefined)
      return { source: 'last (no state folder: HOME and XDG_STATE_HOME unset)' };
    const none = { source: `last (none recorded yet at ${auditRecordPath(cluster, env)})` };
    if (text === undefined) return none;
    const parsed = parseReports(text);
    const report = 'reports' in parsed ? parsed.reports[0] : undefined;
    // An older release's record of a context with the same name, on another API server: not ours.
    if (legacy && !(report && sameCluster(report.cluster, cluster))) return none;
    if (!report || !sameCluster(report.cluster, cluster)) {
      return { source: `last (the record ${path} could not be used)` };
    }
    return { source: `last (${path})`, report };
  } catch (error) {
    return {
      source: `last (unreadable: ${error instanceof UserError ? error.message : fileReason(error)})`,
    };
  }
}

function parseReports(text: string): ReturnType<typeof baselineReports> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { problem: `not JSON (${messageOf(error)})` };
  }
  return baselineReports(data);
}
