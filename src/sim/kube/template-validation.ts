// A workload's pod template as the API server checks it on create and update: its labels must
// match the workload's selector, and its restart policy must be one the kind can run.
import type { KubeObject } from '../contracts.js';
import { R } from './resources.js';
import { fromSelectorObject, matchesLabels } from './selectors.js';
import type { FieldError } from './status.js';
import { isRecord, type ResourceType } from './types.js';

/** `map[string]string{"app":"web"}`, as the API server prints labels it refuses. */
function goMap(m: unknown): string {
  const entries = isRecord(m)
    ? Object.keys(m)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${JSON.stringify(m[k])}`)
    : [];
  return `map[string]string{${entries.join(', ')}}`;
}

/** A workload's template: its labels match the selector, its restart policy is the kind's. */
export function validateTemplate(t: ResourceType, obj: KubeObject): FieldError[] {
  const spec = isRecord(obj['spec']) ? obj['spec'] : {};
  const template = isRecord(spec['template']) ? spec['template'] : {};
  const podSpec = isRecord(template['spec']) ? template['spec'] : {};
  const errs: FieldError[] = [];
  const policy = podSpec['restartPolicy'];
  const allowed = t === R.jobs ? ['OnFailure', 'Never'] : ['Always'];
  if (typeof policy === 'string' && !allowed.includes(policy))
    errs.push({
      type: 'FieldValueNotSupported',
      field: 'spec.template.spec.restartPolicy',
      value: policy,
      detail: `supported values: ${allowed.map((a) => JSON.stringify(a)).join(', ')}`,
    });
  if (t === R.jobs) return errs;
  let selector;
  try {
    selector = fromSelectorObject(spec['selector']);
  } catch {
    return errs;
  }
  const meta = isRecord(template['metadata']) ? template['metadata'] : {};
  const labels = isRecord(meta['labels']) ? (meta['labels'] as Record<string, string>) : {};
  if (selector && selector.length > 0 && !matchesLabels(selector, labels))
    errs.push({
      type: 'FieldValueInvalid',
      field: 'spec.template.metadata.labels',
      value: labels,
      shown: goMap(labels),
      detail: '`selector` does not match template `labels`',
    });
  return errs;
}
