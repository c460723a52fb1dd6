// Scenario objects go through the simulated API server's own defaulting and validation (the code
// a create uses), so a scenario holds nothing the API server would refuse.
import type { KubeObject } from '../contracts.js';
import { admit } from '../kube/admission.js';
import { RESOURCES, typeOfObject } from '../kube/resources.js';
import { fieldErrorBody } from '../kube/status.js';
import type { LocatedObject } from './kube-objects.js';
import { lineOf, ScenarioError } from './yaml-source.js';

/** `spec.egress[0].to[1].ipBlock.cidr` as a path: ['spec', 'egress', 0, 'to', 1, 'ipBlock', 'cidr']. */
export function fieldPath(field: string): Array<string | number> {
  return [...field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) =>
    m[2] !== undefined ? Number(m[2]) : m[1]!,
  );
}

/** Why an apiVersion/kind is not served, and what is. */
function notServed(apiVersion: string, kind: string): string {
  const elsewhere = RESOURCES.filter((r) => r.kind === kind);
  if (elsewhere.length > 0) {
    const served = elsewhere.map((r) => (r.group ? `${r.group}/${r.version}` : r.version));
    return `${apiVersion} ${kind} is not served by the simulated API server: use apiVersion ${served.join(' or ')}`;
  }
  const kinds = [
    ...new Set(RESOURCES.filter((r) => r.verbs.includes('create')).map((r) => r.kind)),
  ];
  return `kind ${kind} (${apiVersion}) is not served by the simulated API server; remove it, or keep to the kinds it serves: ${kinds.join(', ')}`;
}

/** Defaults and validates one located object; throws a ScenarioError naming file and line. */
export function admitLocated(located: LocatedObject): KubeObject {
  const { object, source, path } = located;
  const t = typeOfObject(object.apiVersion, object.kind);
  if (!t || !t.verbs.includes('get') || !t.verbs.includes('create')) {
    throw new ScenarioError(
      source.file,
      lineOf(source, [...path, 'kind']),
      notServed(object.apiVersion, object.kind),
    );
  }
  const input = t.namespaced
    ? {
        ...object,
        metadata: { ...object.metadata, namespace: object.metadata.namespace ?? 'default' },
      }
    : object;
  const { object: admitted, errors } = admit(t, input);
  const first = errors[0];
  if (first) {
    const ns = t.namespaced ? `${admitted.metadata.namespace}/` : '';
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    throw new ScenarioError(
      source.file,
      lineOf(source, [...path, ...fieldPath(first.field)]),
      `${object.kind} ${ns}${object.metadata.name} is invalid: ${first.field}: ${fieldErrorBody(first)}${more}`,
    );
  }
  return admitted;
}

/** Admits objects a built-in scenario generates in code (no file): errors name the scenario. */
export function admitGenerated(scenario: string, objects: readonly KubeObject[]): KubeObject[] {
  return objects.map((object) => {
    const t = typeOfObject(object.apiVersion, object.kind);
    if (!t) throw new Error(`${scenario}: ${notServed(object.apiVersion, object.kind)}`);
    const { object: admitted, errors } = admit(t, object);
    if (errors[0])
      throw new Error(
        `${scenario}: ${object.kind} ${object.metadata.name} is invalid: ${errors[0].field}: ${fieldErrorBody(errors[0])}`,
      );
    return admitted;
  });
}
