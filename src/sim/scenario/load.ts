import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { z } from 'zod';
import type { KubeObject } from '../contracts.js';
import type { FleetSpec } from '../fleet/spec.js';
import { builtInScenarios } from '../scenarios/index.js';
import {
  DESCRIPTOR_API_VERSION,
  DESCRIPTOR_KIND,
  descriptorSchema,
  type DescriptorDoc,
} from './schema.js';
import { admitGenerated, admitLocated } from './admit-objects.js';
import { kubeObjectsOf } from './kube-objects.js';
import { clusterFolders, clusterSet, yamlFilesOf } from './cluster-set.js';
import { lineOf, parseYamlFile, ScenarioError, type SourceDoc } from './yaml-source.js';

/** The validated AKS descriptor, with the API server minor filled in. */
export type AksDescriptor = DescriptorDoc & { kubernetesMinor: string };

/** A loaded scenario: the AKS descriptor and the Kubernetes objects to load into the world. */
export interface Scenario {
  name: string;
  descriptor: AksDescriptor;
  objects: KubeObject[];
  /** More clusters in the same simulator (each its own API server); this one is the first. */
  members?: Scenario[];
  /** Fleet Manager fleets over the clusters. */
  fleets?: FleetSpec[];
}

/** One YAML text and the name errors should use for it. */
export interface ScenarioFile {
  name: string;
  text: string;
}

/** Loads a built-in scenario by name, or a scenario folder or single YAML file by path. */
export async function loadScenario(nameOrPath: string): Promise<Scenario> {
  const builtIn = builtInScenarios[nameOrPath];
  if (builtIn) {
    const made = builtIn();
    const scenario = scenarioFromFiles(nameOrPath, made.files);
    if (made.objects) scenario.objects.push(...admitGenerated(nameOrPath, made.objects()));
    if (made.members)
      scenario.members = made.members.map((m) => scenarioFromFiles(m.name, m.files));
    if (made.fleets) scenario.fleets = made.fleets;
    return scenario;
  }
  const info = await stat(nameOrPath).catch(() => undefined);
  if (!info) {
    const names = Object.keys(builtInScenarios).join(', ');
    throw new ScenarioError(
      nameOrPath,
      undefined,
      `no such scenario: not a built-in one (${names}) nor a file or folder`,
    );
  }
  if (info.isDirectory()) {
    const files = await yamlFilesOf(nameOrPath);
    // Subfolders are clusters only when the top holds no descriptor (else they are ignored, as before).
    const folders = await clusterFolders(nameOrPath);
    if (folders.length === 0 || hasDescriptor(files))
      return scenarioFromFiles(basename(nameOrPath), files);
    // Several clusters: one subfolder each; the top holds only fleets.
    const clusters = await Promise.all(
      folders.map(async (f) => scenarioFromFiles(basename(f), await yamlFilesOf(f))),
    );
    return clusterSet(basename(nameOrPath), clusters, folders, files);
  }
  const text = await readFile(nameOrPath, 'utf8');
  return scenarioFromFiles(basename(nameOrPath).replace(/\.ya?ml$/i, ''), [
    { name: nameOrPath, text },
  ]);
}

/** Builds a scenario from YAML texts: exactly one descriptor document, the rest Kubernetes objects. */
export function scenarioFromFiles(name: string, files: ScenarioFile[]): Scenario {
  let descriptor: { source: SourceDoc; value: AksDescriptor } | undefined;
  const objects: KubeObject[] = [];
  for (const file of files) {
    for (const source of parseYamlFile(file.name, file.text)) {
      if (!isDescriptor(source.value)) {
        objects.push(...kubeObjectsOf(source).map(admitLocated));
        continue;
      }
      if (descriptor) {
        throw new ScenarioError(
          source.file,
          lineOf(source, []),
          `a second ${DESCRIPTOR_KIND} document (the first is in ${descriptor.source.file})`,
        );
      }
      descriptor = { source, value: parseDescriptor(source) };
    }
  }
  if (!descriptor) {
    const where = files.map((f) => f.name).join(', ') || name;
    throw new ScenarioError(
      where,
      undefined,
      `no AKS descriptor (a document with apiVersion: ${DESCRIPTOR_API_VERSION}, kind: ${DESCRIPTOR_KIND})`,
    );
  }
  return { name, descriptor: descriptor.value, objects };
}

/** Whether any document of these files is an AKS descriptor (a single-cluster folder). */
function hasDescriptor(files: ScenarioFile[]): boolean {
  return files.some((f) => parseYamlFile(f.name, f.text).some((d) => isDescriptor(d.value)));
}

function isDescriptor(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<string, unknown>)['kind'] === DESCRIPTOR_KIND
  );
}

/** Validates the descriptor; the first problem becomes an error naming file and line. */
export function parseDescriptor(source: SourceDoc): AksDescriptor {
  const parsed = descriptorSchema.safeParse(source.value);
  if (!parsed.success) throw errorOf(source, parsed.error.issues[0]);
  const doc = parsed.data;
  checkConsistency(source, doc);
  const minor = doc.kubernetesMinor ?? doc.cluster.kubernetesVersion.split('.')[1] ?? '0';
  return { ...doc, kubernetesMinor: minor };
}

function errorOf(source: SourceDoc, issue: z.core.$ZodIssue | undefined): ScenarioError {
  if (!issue) return new ScenarioError(source.file, undefined, 'invalid descriptor');
  const where = issue.path.map(String).join('.') || '(top)';
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const at = [...issue.path.map(String), key].filter(Boolean).join('.');
    return new ScenarioError(source.file, lineOf(source, issue.path, key), `unknown field "${at}"`);
  }
  return new ScenarioError(source.file, lineOf(source, issue.path), `${where}: ${issue.message}`);
}

/** Cross-field rules zod cannot see: versions the region offers, pool skew, unique pool names. */
function checkConsistency(source: SourceDoc, doc: DescriptorDoc): void {
  const offered = new Set(doc.kubernetesVersions.flatMap((v) => v.patches));
  const cp = doc.cluster.kubernetesVersion;
  if (!offered.has(cp)) {
    throw new ScenarioError(
      source.file,
      lineOf(source, ['cluster', 'kubernetesVersion']),
      `cluster.kubernetesVersion ${cp} is not among kubernetesVersions`,
    );
  }
  const at = (path: Array<string | number>, message: string): ScenarioError =>
    new ScenarioError(source.file, lineOf(source, path), message);
  if (!doc.cluster.pools.some((p) => p.mode === 'System'))
    throw at(['cluster', 'pools'], 'AKS needs at least one pool with mode: System');
  if (doc.cluster.dnsPrefix !== undefined && doc.cluster.fqdnSubdomain !== undefined)
    throw at(['cluster', 'fqdnSubdomain'], 'AKS takes dnsPrefix or fqdnSubdomain, not both');
  const seen = new Set<string>();
  doc.cluster.pools.forEach((pool, i) => {
    if (pool.mode === 'System' && pool.osType === 'Windows')
      throw at(
        ['cluster', 'pools', i, 'osType'],
        `pool ${pool.name}: AKS refuses a Windows System pool (System pools run Linux)`,
      );
    if (seen.has(pool.name)) {
      throw new ScenarioError(
        source.file,
        lineOf(source, ['cluster', 'pools', i, 'name']),
        `duplicate pool name ${pool.name}`,
      );
    }
    seen.add(pool.name);
    const cpMinor = Number(cp.split('.')[1]);
    const poolMinor = Number(pool.orchestratorVersion.split('.')[1]);
    // AKS: a pool up to three minors behind a 1.28+ control plane, two before.
    if (poolMinor > cpMinor || poolMinor < cpMinor - (cpMinor >= 28 ? 3 : 2)) {
      throw new ScenarioError(
        source.file,
        lineOf(source, ['cluster', 'pools', i, 'orchestratorVersion']),
        `pool ${pool.name} version ${pool.orchestratorVersion} is outside the allowed skew of control plane ${cp}`,
      );
    }
  });
}
