// What the API server does to an object on its way into storage, in one place for the create and
// update handlers and for objects loaded from a scenario: defaulting, then validation (and, for an
// update, the rules of what may change).
import type { KubeObject } from '../contracts.js';
import { validateLabels } from './label-validation.js';
import { applyDefaults } from './defaults.js';
import type { FieldError } from './status.js';
import type { ResourceType } from './types.js';
import { validateUpdate } from './update-rules.js';
import { validateObject } from './validation.js';

const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

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

/**
 * Defaults then validates an object (and, given the stored `old` one, what the update changes); the
 * errors are empty when the API server would store it.
 */
export function admit(
  t: ResourceType,
  input: KubeObject,
  old?: KubeObject,
): { object: KubeObject; errors: FieldError[] } {
  const object = applyDefaults(t, input);
  const errors = [...validateObject(t, object), ...validateMetadata(t, object)];
  if (old) errors.push(...validateUpdate(t, old, object));
  if (errors.length === 0) admitted.add(object);
  return { object, errors };
}
