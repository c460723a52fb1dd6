// What the API server does to an object on its way into storage, in one place for the create and
// update handlers and for objects loaded from a scenario: defaulting, then validation.
import type { KubeObject } from '../contracts.js';
import { validateLabels } from './label-validation.js';
import { R } from './resources.js';
import type { FieldError } from './status.js';
import { arr, clone, isRecord, type ResourceType } from './types.js';
import { validateObject } from './validation.js';

const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** SetDefaults for NetworkPolicy (networking/v1): port protocols TCP, then policyTypes. */
function defaultNetworkPolicy(obj: KubeObject): void {
  const spec = isRecord(obj['spec']) ? obj['spec'] : (obj['spec'] = {});
  for (const dir of ['ingress', 'egress'])
    for (const rule of arr(spec[dir]))
      if (isRecord(rule))
        for (const port of arr(rule['ports']))
          if (isRecord(port) && port['protocol'] === undefined) port['protocol'] = 'TCP';
  if (arr(spec['policyTypes']).length === 0) {
    // Ingress always; Egress too when the policy has egress rules.
    spec['policyTypes'] = arr(spec['egress']).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
  spec['podSelector'] ??= {};
}

/** The defaults the API server applies; a new object when there are any for its type. */
export function applyDefaults(t: ResourceType, input: KubeObject): KubeObject {
  if (t !== R.networkpolicies && t !== R.namespaces) return input;
  const obj = clone(input);
  if (t === R.networkpolicies) defaultNetworkPolicy(obj);
  if (t === R.namespaces) {
    // The namespace strategy keeps this label equal to the name, on create and on update.
    obj.metadata.labels = {
      ...obj.metadata.labels,
      'kubernetes.io/metadata.name': obj.metadata.name,
    };
    const spec = isRecord(obj['spec']) ? obj['spec'] : (obj['spec'] = {});
    spec['finalizers'] ??= ['kubernetes'];
    const status = isRecord(obj['status']) ? obj['status'] : (obj['status'] = {});
    status['phase'] ??= 'Active';
  }
  return obj;
}

/** ValidateObjectMeta's checks the simulator makes: the namespace's name and the labels. */
function validateMetadata(t: ResourceType, obj: KubeObject): FieldError[] {
  const errs = validateLabels(obj.metadata.labels, 'metadata.labels');
  const ns = obj.metadata.namespace;
  if (t.namespaced && ns !== undefined && !(NAMESPACE_NAME.test(ns) && ns.length <= 63)) {
    errs.push({
      type: 'FieldValueInvalid',
      field: 'metadata.namespace',
      value: ns,
      detail:
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    });
  }
  return errs;
}

// Objects already admitted (by the scenario loader) need no second pass when the world loads them.
const admitted = new WeakSet<KubeObject>();

/** Whether `admit` produced this very object without errors. */
export function wasAdmitted(object: KubeObject): boolean {
  return admitted.has(object);
}

/** Defaults then validates an object; the errors are empty when the API server would store it. */
export function admit(
  t: ResourceType,
  input: KubeObject,
): { object: KubeObject; errors: FieldError[] } {
  const object = applyDefaults(t, input);
  const errors = [...validateObject(t, object), ...validateMetadata(t, object)];
  if (errors.length === 0) admitted.add(object);
  return { object, errors };
}
