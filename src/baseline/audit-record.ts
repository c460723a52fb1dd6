import { createHash } from 'node:crypto';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AuditReport } from '../report/audit-schema.js';
import { batched, jsonChunks } from '../report/json-chunks.js';
import { writePrivateFile } from '../report/private-file.js';
import { journalDir } from '../runbook/journal-location.js';
import { normalServer } from './baseline-report.js';

type ClusterIdentity = Pick<
  AuditReport['cluster'],
  'name' | 'subscriptionId' | 'resourceGroup' | 'simulated' | 'server'
>;

/**
 * Where audits are recorded for `--baseline last`: `audits/` beside the journals. Only when the
 * environment names a state folder or a home (`XDG_STATE_HOME`, `HOME`): a program that hands the
 * audit an empty environment (a test, an embedding) gets no file written behind its back.
 */
export function auditRecordDir(env: NodeJS.ProcessEnv): string | undefined {
  if (!env['XDG_STATE_HOME'] && !env['HOME']) return undefined;
  return join(journalDir(env), 'audits');
}

/**
 * The record of one cluster (its name made safe, and a hash of its whole identity), if any.
 * Without ARM coordinates a name is only a kubeconfig context's (`prod`, `default` on every k3s),
 * so the API server is part of the identity, as the journal's resume tells clusters apart.
 */
export function auditRecordPath(
  cluster: ClusterIdentity,
  env: NodeJS.ProcessEnv,
): string | undefined {
  const byArm = cluster.subscriptionId !== undefined && cluster.resourceGroup !== undefined;
  return recordPathOf(cluster, env, byArm ? [] : [normalServer(cluster.server)]);
}

/**
 * Where releases before the API server was part of the identity recorded a cluster named without
 * ARM coordinates: read only when the new record is missing, and used only if its server is ours.
 */
function legacyRecordPath(cluster: ClusterIdentity, env: NodeJS.ProcessEnv): string | undefined {
  const byArm = cluster.subscriptionId !== undefined && cluster.resourceGroup !== undefined;
  return byArm ? undefined : recordPathOf(cluster, env, []);
}

function recordPathOf(
  cluster: ClusterIdentity,
  env: NodeJS.ProcessEnv,
  more: string[],
): string | undefined {
  const dir = auditRecordDir(env);
  if (dir === undefined) return undefined;
  const identity = JSON.stringify([
    cluster.simulated,
    cluster.subscriptionId ?? '',
    cluster.resourceGroup?.toLowerCase() ?? '',
    cluster.name,
    ...more,
  ]);
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, 12);
  const safe = cluster.name.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 63) || 'cluster';
  return join(dir, `${cluster.simulated ? 'sim-' : ''}${safe}-${hash}.json`);
}

/**
 * Keeps this report as the cluster's last audit (only the owner may read it: it names objects of
 * the cluster), replacing the one before. Written whole, then renamed: never half a file.
 */
export async function recordAudit(
  report: AuditReport,
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  const path = auditRecordPath(report.cluster, env);
  if (path === undefined) return undefined;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const partial = `${path}.${process.pid}.partial`;
  // In pieces: on a large cluster the report is megabytes of JSON, never held whole.
  await writePrivateFile(partial, batchedLine(report));
  await rename(partial, path);
  return path;
}

/**
 * The text of the cluster's last recorded audit, or undefined when there is none. `legacy` when
 * it came from a record written before the API server was part of the identity: the caller uses
 * it only if the server in it is this cluster's.
 */
export async function lastAuditText(
  cluster: ClusterIdentity,
  env: NodeJS.ProcessEnv,
): Promise<{ path?: string; text?: string; legacy?: true }> {
  const path = auditRecordPath(cluster, env);
  if (path === undefined) return {};
  const text = await readIfThere(path);
  if (text !== undefined) return { path, text };
  const legacy = legacyRecordPath(cluster, env);
  const old = legacy === undefined ? undefined : await readIfThere(legacy);
  return old === undefined ? { path } : { path: legacy!, text: old, legacy: true };
}

async function readIfThere(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function* batchedLine(report: AuditReport): Generator<string> {
  yield* batched(jsonChunks(report));
  yield '\n';
}
