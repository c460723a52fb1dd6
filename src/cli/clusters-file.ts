import { fileReason } from '../model/file-reason.js';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { UserError, firstLine, messageOf } from '../model/errors.js';
import type { CloudName } from '../azure/clouds.js';
import type { TargetOptions } from '../target/options.js';

/** One cluster of a multi-cluster audit: what to call it and how to reach it. */
export interface ClusterEntry {
  /** How the report and stderr name the cluster before (or without) reaching it. */
  label: string;
  target: TargetOptions;
}

const entrySchema = z
  .object({
    label: z.string().min(1).optional(),
    subscription: z.string().min(1).optional(),
    resourceGroup: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    kubeconfig: z.string().min(1).optional(),
    context: z.string().min(1).optional(),
    simConnection: z.string().min(1).optional(),
  })
  .strict();

type RawEntry = z.infer<typeof entrySchema>;

const fileSchema = z.union([
  z.array(z.unknown()),
  z.object({ clusters: z.array(z.unknown()) }).strict(),
]);

/** Defaults the command line gives every entry. */
export interface EntryDefaults {
  cloud: CloudName;
  /** `--subscription` or `$AZURE_SUBSCRIPTION_ID`, for entries that name none. */
  subscription?: string;
}

/**
 * Reads a clusters file (YAML or JSON: a list of entries, or `clusters:` holding one) and checks
 * every entry. Relative paths in it are relative to the file. Any problem is one `UserError`
 * line naming the file and the entry.
 */
export async function readClustersFile(
  file: string,
  defaults: EntryDefaults,
): Promise<ClusterEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UserError(
      `cannot read the clusters file ${file}: ${fileReason(error)}; check the path, its permissions and free disk space`,
    );
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new UserError(`${file} is not YAML or JSON: ${firstLine(messageOf(error))}`);
  }
  const top = fileSchema.safeParse(data);
  if (!top.success) {
    throw new UserError(`${file}: expected a list of clusters (or "clusters:" with a list)`);
  }
  const raw = Array.isArray(top.data) ? top.data : top.data.clusters;
  if (raw.length === 0) throw new UserError(`${file}: the list of clusters is empty`);
  const base = dirname(resolve(file));
  // Which entry first named each cluster: the same one twice would be audited twice.
  const seen = new Map<string, number>();
  const entries = raw.map((item, index) => {
    const where = `${file}: entry ${index + 1}`;
    const parsed = entrySchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.');
      throw new UserError(`${where}: ${field ? `${field}: ` : ''}${issue?.message ?? 'invalid'}`);
    }
    let entry: ClusterEntry;
    try {
      entry = toEntry(parsed.data, base, defaults);
    } catch (error) {
      throw new UserError(`${where}${labelOf(parsed.data)}: ${messageOf(error)}`);
    }
    const key = clusterKey(entry.target);
    const first = seen.get(key);
    if (first !== undefined)
      throw new UserError(
        `${where}${labelOf(parsed.data)}: names the same cluster as entry ${first}; list each cluster once`,
      );
    seen.set(key, index + 1);
    return entry;
  });
  return distinctLabels(file, entries, raw);
}

/**
 * Every entry's label told apart, since reports and stderr name clusters by it: a label derived
 * from a name two clusters share (`prod` in two resource groups) becomes `group/name`; labels
 * still alike after that, or given alike, are refused.
 */
function distinctLabels(file: string, entries: ClusterEntry[], raw: unknown[]): ClusterEntry[] {
  const given = (i: number): boolean =>
    typeof (raw[i] as { label?: unknown } | undefined)?.label === 'string';
  const counts = countBy(entries.map((e) => e.label.toLowerCase()));
  const widened = entries.map((e, i) =>
    !given(i) && counts.get(e.label.toLowerCase())! > 1 ? { ...e, label: widerLabel(e) } : e,
  );
  const first = new Map<string, number>();
  widened.forEach((e, i) => {
    const key = e.label.toLowerCase();
    const earlier = first.get(key);
    if (earlier !== undefined)
      throw new UserError(
        `${file}: entries ${earlier} and ${i + 1} are both called "${e.label}"; give each a label of its own`,
      );
    first.set(key, i + 1);
  });
  return widened;
}

function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

/** A label that says more than the bare name: `group/name`, or `context (kubeconfig file)`. */
function widerLabel(e: ClusterEntry): string {
  const t = e.target;
  if (t.resourceGroup !== undefined) return `${t.resourceGroup}/${t.name ?? ''}`;
  return t.kubeconfig ? `${e.label} (${basename(t.kubeconfig)})` : e.label;
}

/**
 * What identifies the cluster an entry names: its ARM coordinates (Azure names are
 * case-insensitive) when given, else its kubeconfig and context; on the simulator its file too.
 */
function clusterKey(t: TargetOptions): string {
  const arm =
    t.resourceGroup !== undefined
      ? [t.subscription ?? '', t.resourceGroup, t.name ?? ''].map((p) => p.toLowerCase())
      : [t.kubeconfig ?? '', t.context ?? ''];
  return JSON.stringify([t.simConnection ?? '', ...arm]);
}

function toEntry(e: RawEntry, base: string, defaults: EntryDefaults): ClusterEntry {
  const armGiven = e.resourceGroup !== undefined || e.name !== undefined;
  if (armGiven && (!e.resourceGroup || !e.name)) {
    throw new Error('an AKS cluster is named by both resourceGroup and name');
  }
  const target: TargetOptions = { cloud: defaults.cloud, demo: false };
  if (e.simConnection) {
    if (e.kubeconfig || e.context || e.subscription) {
      throw new Error(
        'simConnection reaches the simulator over ARM: drop kubeconfig, context and subscription',
      );
    }
    target.simConnection = resolve(base, e.simConnection);
  } else if (!armGiven && !e.context && !e.kubeconfig) {
    throw new Error(
      'name the cluster by resourceGroup and name, by kubeconfig/context, or by simConnection',
    );
  }
  if (armGiven) {
    target.resourceGroup = e.resourceGroup!;
    target.name = e.name!;
    const subscription = e.subscription ?? defaults.subscription;
    if (!subscription && !e.simConnection) {
      throw new Error(
        'which subscription? Add subscription, --subscription or AZURE_SUBSCRIPTION_ID',
      );
    }
    if (subscription && !e.simConnection) target.subscription = subscription;
  } else if (e.subscription) {
    throw new Error('subscription needs resourceGroup and name too');
  }
  if (e.kubeconfig) target.kubeconfig = resolve(base, e.kubeconfig);
  if (e.context) target.context = e.context;
  const label =
    e.label ?? e.name ?? e.context ?? (e.simConnection ? basename(e.simConnection) : 'kubeconfig');
  return { label, target };
}

function labelOf(e: RawEntry): string {
  const label = e.label ?? e.name ?? e.context;
  return label ? ` (${label})` : '';
}
