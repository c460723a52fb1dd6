import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditReport } from '../report/audit-schema.js';
import { journalDir } from '../runbook/journal-location.js';

type ClusterIdentity = Pick<
  AuditReport['cluster'],
  'name' | 'subscriptionId' | 'resourceGroup' | 'simulated'
>;

/** Where audits are recorded for `--baseline last`: `audits/` beside the journals. */
export function auditRecordDir(env: NodeJS.ProcessEnv): string {
  return join(journalDir(env), 'audits');
}

/** The record of one cluster: its name made safe, and a hash of its whole identity. */
export function auditRecordPath(cluster: ClusterIdentity, env: NodeJS.ProcessEnv): string {
  const identity = JSON.stringify([
    cluster.simulated,
    cluster.subscriptionId ?? '',
    cluster.resourceGroup?.toLowerCase() ?? '',
    cluster.name,
  ]);
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, 12);
  const safe = cluster.name.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 63) || 'cluster';
  return join(auditRecordDir(env), `${cluster.simulated ? 'sim-' : ''}${safe}-${hash}.json`);
}

/**
 * Keeps this report as the cluster's last audit (only the owner may read it: it names objects of
 * the cluster), replacing the one before. Written whole, then renamed: never half a file.
 */
export async function recordAudit(report: AuditReport, env: NodeJS.ProcessEnv): Promise<string> {
  const path = auditRecordPath(report.cluster, env);
  await mkdir(auditRecordDir(env), { recursive: true, mode: 0o700 });
  const partial = `${path}.${process.pid}.partial`;
  await writeFile(partial, JSON.stringify(report, null, 2) + '\n', { mode: 0o600 });
  await rename(partial, path);
  return path;
}

/** The text of the cluster's last recorded audit, or undefined when there is none. */
export async function lastAuditText(
  cluster: ClusterIdentity,
  env: NodeJS.ProcessEnv,
): Promise<{ path: string; text?: string }> {
  const path = auditRecordPath(cluster, env);
  try {
    return { path, text: await readFile(path, 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path };
    throw error;
  }
}
