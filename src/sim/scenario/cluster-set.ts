import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { FLEET_KIND, fleetDocSchema, type FleetDoc } from '../fleet/schema.js';
import type { FleetSpec } from '../fleet/spec.js';
import type { Scenario, ScenarioFile } from './load.js';
import { lineOf, parseYamlFile, ScenarioError, type SourceDoc } from './yaml-source.js';

/** The YAML files of one folder (not its subfolders), sorted, with their text. */
export async function yamlFilesOf(dir: string): Promise<ScenarioFile[]> {
  const entries = (await readdir(dir)).filter((f) => /\.ya?ml$/i.test(f)).sort();
  const files: ScenarioFile[] = [];
  for (const f of entries) {
    const path = join(dir, f);
    if ((await stat(path)).isFile()) files.push({ name: path, text: await readFile(path, 'utf8') });
  }
  return files;
}

/** The subfolders of `dir` that hold YAML: the clusters of a multi-cluster folder, sorted. */
export async function clusterFolders(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    if (!(await stat(path)).isDirectory()) continue;
    if ((await readdir(path)).some((f) => /\.ya?ml$/i.test(f))) out.push(path);
  }
  return out;
}

/**
 * A folder of several clusters: one subfolder per cluster (its own descriptor and objects, the
 * first one's port is the ARM endpoint) and, at the top, only `kind: AksFleet` documents. Every
 * cluster must have its own place (subscription, group, name); every fleet member must name one
 * cluster of the folder, in one fleet at most; strategies may name only the members' groups.
 */
export function clusterSet(
  name: string,
  clusters: Scenario[],
  folders: string[],
  top: ScenarioFile[],
): Scenario {
  const seen = new Map<string, string>();
  clusters.forEach((c, i) => {
    const at = c.descriptor.cluster;
    const key = `${at.subscriptionId}/${at.resourceGroup}/${at.name}`.toLowerCase();
    const other = seen.get(key);
    if (other)
      throw new ScenarioError(
        folders[i]!,
        undefined,
        `cluster ${at.resourceGroup}/${at.name} in subscription ${at.subscriptionId} is also in ${other}; give each cluster its own place`,
      );
    seen.set(key, folders[i]!);
  });
  const fleets: FleetSpec[] = [];
  const memberOf = new Map<string, string>();
  for (const file of top) {
    for (const source of parseYamlFile(file.name, file.text)) {
      const kind = (source.value as { kind?: unknown } | null)?.kind;
      if (kind !== FLEET_KIND)
        throw new ScenarioError(
          source.file,
          lineOf(source, []),
          `a folder of several clusters holds only kind: ${FLEET_KIND} documents at its top; put ${typeof kind === 'string' ? kind : 'this document'} in its cluster's folder`,
        );
      fleets.push(fleetOf(source, clusters, memberOf));
    }
  }
  const [first, ...rest] = clusters;
  return { ...first!, name, members: rest, fleets };
}

function fleetOf(
  source: SourceDoc,
  clusters: Scenario[],
  memberOf: Map<string, string>,
): FleetSpec {
  const parsed = fleetDocSchema.safeParse(source.value);
  // A misspelt key also leaves a required one missing: name the misspelling, the likelier fix.
  if (!parsed.success)
    throw errorOf(
      source,
      parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0],
    );
  const doc: FleetDoc = parsed.data;
  const at = (path: Array<string | number>, message: string): ScenarioError =>
    new ScenarioError(source.file, lineOf(source, path), message);
  const names = new Set<string>();
  const members = doc.members.map((m, i) => {
    const ref = m.cluster.toLowerCase();
    const found = clusters.filter((c) => {
      const d = c.descriptor.cluster;
      return d.name.toLowerCase() === ref || `${d.resourceGroup}/${d.name}`.toLowerCase() === ref;
    });
    if (found.length !== 1)
      throw at(
        ['members', i, 'cluster'],
        found.length === 0
          ? `member ${m.name}: no cluster ${m.cluster} in this folder (clusters: ${clusters.map((c) => c.descriptor.cluster.name).join(', ')})`
          : `member ${m.name}: ${found.length} clusters are named ${m.cluster}; write resourceGroup/name`,
      );
    if (names.has(m.name)) throw at(['members', i, 'name'], `member name ${m.name} is used twice`);
    names.add(m.name);
    const d = found[0]!.descriptor.cluster;
    const key = `${d.subscriptionId}/${d.resourceGroup}/${d.name}`.toLowerCase();
    const other = memberOf.get(key);
    if (other)
      throw at(
        ['members', i, 'cluster'],
        `cluster ${d.name} is already a member of fleet ${other}; a cluster joins one fleet at most`,
      );
    memberOf.set(key, doc.fleet.name);
    return {
      name: m.name,
      subscriptionId: d.subscriptionId,
      resourceGroup: d.resourceGroup,
      cluster: d.name,
      location: d.location,
      ...(m.group ? { group: m.group } : {}),
    };
  });
  const groups = new Set(members.flatMap((m) => (m.group ? [m.group] : [])));
  doc.strategies.forEach((s, si) => {
    const stages = new Set<string>();
    const used = new Set<string>();
    s.stages.forEach((st, i) => {
      if (stages.has(st.name))
        throw at(
          ['strategies', si, 'stages', i, 'name'],
          `strategy ${s.name}: stage ${st.name} is named twice`,
        );
      stages.add(st.name);
      for (const g of st.groups) {
        if (!groups.has(g))
          throw at(
            ['strategies', si, 'stages', i, 'groups'],
            `strategy ${s.name}: group ${g} is no member's group (groups: ${[...groups].sort().join(', ') || 'none'})`,
          );
        if (used.has(g))
          throw at(
            ['strategies', si, 'stages', i, 'groups'],
            `strategy ${s.name}: group ${g} is in two stages`,
          );
        used.add(g);
      }
    });
  });
  const first = members[0]!;
  return {
    subscriptionId: doc.fleet.subscriptionId ?? first.subscriptionId,
    resourceGroup: doc.fleet.resourceGroup,
    name: doc.fleet.name,
    location: doc.fleet.location ?? first.location,
    members: members.map(({ location: _l, ...m }) => m),
    strategies: doc.strategies,
  };
}

function errorOf(source: SourceDoc, issue: z.core.$ZodIssue | undefined): ScenarioError {
  if (!issue) return new ScenarioError(source.file, undefined, `invalid ${FLEET_KIND}`);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const at = [...issue.path.map(String), key].filter(Boolean).join('.');
    return new ScenarioError(source.file, lineOf(source, issue.path, key), `unknown field "${at}"`);
  }
  const where = issue.path.map(String).join('.') || '(top)';
  return new ScenarioError(source.file, lineOf(source, issue.path), `${where}: ${issue.message}`);
}
