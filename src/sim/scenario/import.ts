// A scenario from a real cluster's description: `az aks show` (or the ARM body) for the AKS side,
// `kubectl get -o yaml` output for the objects. Objects of kinds the simulator does not serve
// (Services, Ingresses, ...) and system-managed fields are left out, and said so.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import type { KubeObject } from '../contracts.js';
import { typeOfObject } from '../kube/resources.js';
import { builtInScenarios } from '../scenarios/index.js';
import { armContent, descriptorFromArm } from './from-arm.js';
import type { ScenarioFile } from './load.js';
import { ScenarioError } from './yaml-source.js';

/** What an import produced: the scenario's files, and what it left out. */
export interface ImportedScenario {
  files: ScenarioFile[];
  /** `Kind (apiVersion)` -> how many objects of it were left out. */
  skipped: Map<string, number>;
}

/** Items of a List, or the document itself. */
function objectsIn(doc: unknown): unknown[] {
  if (typeof doc !== 'object' || doc === null) return [];
  const d = doc as Record<string, unknown>;
  return Array.isArray(d['items']) ? d['items'] : [d];
}

/** What `kubectl get -o yaml` carries that describes a live object, not what to load. */
function loadable(o: KubeObject): KubeObject {
  const metadata = { ...o.metadata };
  delete metadata['managedFields'];
  delete metadata['selfLink'];
  return { ...o, metadata };
}

/**
 * Builds scenario files from an `az aks show` / ARM JSON text and `kubectl get -o yaml` texts.
 * Throws with one line when the JSON describes no cluster or pool.
 */
export function importScenario(
  aks: { name: string; text: string },
  objects: ScenarioFile[],
): ImportedScenario {
  let doc: unknown;
  try {
    doc = JSON.parse(aks.text);
  } catch (e) {
    throw new ScenarioError(
      aks.name,
      undefined,
      `not JSON (${(e as Error).message}); give the output of "az aks show -o json"`,
    );
  }
  const content = armContent(doc);
  if (!content.cluster && !content.pools)
    throw new ScenarioError(aks.name, undefined, 'describes no AKS cluster or agent pool');
  const files: ScenarioFile[] = [
    { name: 'cluster.yaml', text: stringify(descriptorFromArm(content)) },
  ];
  const skipped = new Map<string, number>();
  const kept: KubeObject[] = [];
  for (const file of objects) {
    for (const parsed of parseAllDocuments(file.text)) {
      if (parsed.errors.length)
        throw new ScenarioError(file.name, undefined, parsed.errors[0]!.message);
      for (const item of objectsIn(parsed.toJS())) {
        const o = item as KubeObject;
        if (typeof o?.kind !== 'string' || typeof o.apiVersion !== 'string') continue;
        if (!typeOfObject(o.apiVersion, o.kind)) {
          const key = `${o.kind} (${o.apiVersion})`;
          skipped.set(key, (skipped.get(key) ?? 0) + 1);
          continue;
        }
        kept.push(loadable(o));
      }
    }
  }
  if (kept.length)
    files.push({
      name: 'objects.yaml',
      text: stringify({ apiVersion: 'v1', kind: 'List', items: kept }),
    });
  return { files, skipped };
}

/** The files of a built-in scenario, generated objects included, as a folder would hold them. */
export function builtInFiles(name: string): ScenarioFile[] | undefined {
  const made = builtInScenarios[name]?.();
  if (!made) return undefined;
  const files = made.files.map((f) => ({ name: basename(f.name), text: f.text }));
  const generated = made.objects?.();
  if (generated?.length)
    files.push({
      name: 'generated.yaml',
      text: stringify({ apiVersion: 'v1', kind: 'List', items: generated }),
    });
  return files;
}

/** Writes scenario files into a folder (created if missing); returns the paths written. */
export async function writeScenario(dir: string, files: ScenarioFile[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const f of files) {
    const path = join(dir, basename(f.name));
    await writeFile(path, f.text);
    paths.push(path);
  }
  return paths;
}
