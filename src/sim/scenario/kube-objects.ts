import type { KubeObject } from '../contracts.js';
import { lineOf, ScenarioError, type SourceDoc } from './yaml-source.js';

/** One Kubernetes object and where it was written (its path inside the YAML document). */
export interface LocatedObject {
  object: KubeObject;
  source: SourceDoc;
  path: Array<string | number>;
}

/** Turns Kubernetes documents into objects, flattening `kind: List` (what `kubectl get -o yaml` prints). */
export function kubeObjectsOf(source: SourceDoc): LocatedObject[] {
  const value = source.value;
  if (!isRecord(value))
    throw new ScenarioError(source.file, lineOf(source, []), 'expected a Kubernetes object');
  if (
    value['kind'] === 'List' ||
    (typeof value['kind'] === 'string' &&
      value['kind'].endsWith('List') &&
      Array.isArray(value['items']))
  ) {
    const items = value['items'];
    if (!Array.isArray(items))
      throw new ScenarioError(source.file, lineOf(source, ['items']), 'a List needs items');
    return items.map((item, i) => ({
      object: checkObject(source, item, ['items', i], listItemKind(value)),
      source,
      path: ['items', i],
    }));
  }
  return [{ object: checkObject(source, value, []), source, path: [] }];
}

/** `PodList` items carry no kind of their own in some printers; `List` items always do. */
function listItemKind(list: Record<string, unknown>): string | undefined {
  const kind = list['kind'];
  return typeof kind === 'string' && kind !== 'List' ? kind.slice(0, -'List'.length) : undefined;
}

function checkObject(
  source: SourceDoc,
  value: unknown,
  path: Array<string | number>,
  defaultKind?: string,
): KubeObject {
  if (!isRecord(value))
    throw new ScenarioError(source.file, lineOf(source, path), 'expected a Kubernetes object');
  const kind = value['kind'] ?? defaultKind;
  if (typeof value['apiVersion'] !== 'string') {
    throw new ScenarioError(source.file, lineOf(source, path), 'apiVersion is required (a string)');
  }
  if (typeof kind !== 'string')
    throw new ScenarioError(source.file, lineOf(source, path), 'kind is required (a string)');
  const metadata = value['metadata'];
  if (!isRecord(metadata) || typeof metadata['name'] !== 'string' || metadata['name'] === '') {
    throw new ScenarioError(
      source.file,
      lineOf(source, [...path, 'metadata']),
      `${kind}: metadata.name is required`,
    );
  }
  return { ...value, kind } as KubeObject;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
