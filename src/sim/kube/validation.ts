import type { KubeObject } from '../contracts.js';
import { validateNetworkPolicy } from './networkpolicy-validation.js';
import { R } from './resources.js';
import { fromSelectorObject } from './selectors.js';
import { validateTemplate } from './template-validation.js';
import type { FieldError } from './status.js';
import type { ResourceType } from './types.js';
import { isRecord } from './types.js';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

function validateName(t: ResourceType, name: string): FieldError[] {
  if (!name)
    return [
      {
        type: 'FieldValueRequired',
        field: 'metadata.name',
        detail: 'name or generateName is required',
      },
    ];
  if (t.group === 'rbac.authorization.k8s.io') {
    // RBAC objects only need to be valid path segments.
    if (name === '.' || name === '..' || /[/%]/.test(name)) {
      return [
        {
          type: 'FieldValueInvalid',
          field: 'metadata.name',
          value: name,
          detail: `may not contain '/'`,
        },
      ];
    }
    return [];
  }
  if (t === R.namespaces) {
    return LABEL.test(name) && name.length <= 63
      ? []
      : [{ type: 'FieldValueInvalid', field: 'metadata.name', value: name, detail: LABEL_MSG }];
  }
  return SUBDOMAIN.test(name) && name.length <= 253
    ? []
    : [{ type: 'FieldValueInvalid', field: 'metadata.name', value: name, detail: SUBDOMAIN_MSG }];
}

function validateSelector(obj: KubeObject, field: string, required: boolean): FieldError[] {
  const spec = isRecord(obj['spec']) ? obj['spec'] : {};
  const sel = spec[field.split('.').pop()!];
  if (sel === undefined) return required ? [{ type: 'FieldValueRequired', field }] : [];
  try {
    fromSelectorObject(sel);
    return [];
  } catch (e) {
    return [
      {
        type: 'FieldValueInvalid',
        field,
        value: JSON.stringify(sel),
        detail: (e as Error).message,
      },
    ];
  }
}

/** Validates an object about to be stored; an empty list means valid. */
export function validateObject(t: ResourceType, obj: KubeObject): FieldError[] {
  const errs = validateName(t, obj.metadata.name);
  const spec = isRecord(obj['spec']) ? obj['spec'] : {};
  if (t === R.networkpolicies) errs.push(...validateNetworkPolicy(obj));
  if (t === R.pdbs) {
    errs.push(...validateSelector(obj, 'spec.selector', false));
    if (spec['minAvailable'] !== undefined && spec['maxUnavailable'] !== undefined) {
      errs.push({
        type: 'FieldValueInvalid',
        field: 'spec',
        value: JSON.stringify(spec),
        detail: 'minAvailable and maxUnavailable cannot be both set',
      });
    }
  }
  if ([R.deployments, R.replicasets, R.statefulsets, R.daemonsets, R.jobs].includes(t))
    errs.push(...validateTemplate(t, obj));
  if ([R.deployments, R.replicasets, R.statefulsets, R.daemonsets].includes(t)) {
    errs.push(...validateSelector(obj, 'spec.selector', true));
    if (typeof spec['replicas'] === 'number' && spec['replicas'] < 0) {
      errs.push({
        type: 'FieldValueInvalid',
        field: 'spec.replicas',
        value: spec['replicas'],
        detail: 'must be greater than or equal to 0',
      });
    }
  }
  if (t === R.rolebindings || t === R.clusterrolebindings) {
    const ref = obj['roleRef'];
    if (!isRecord(ref) || !ref['name'])
      errs.push({ type: 'FieldValueRequired', field: 'roleRef.name' });
    else if (t === R.clusterrolebindings && ref['kind'] !== 'ClusterRole') {
      errs.push({
        type: 'FieldValueNotSupported',
        field: 'roleRef.kind',
        value: String(ref['kind']),
        detail: 'supported values: "ClusterRole"',
      });
    } else if (ref['kind'] !== 'ClusterRole' && ref['kind'] !== 'Role') {
      errs.push({
        type: 'FieldValueNotSupported',
        field: 'roleRef.kind',
        value: String(ref['kind']),
        detail: 'supported values: "ClusterRole", "Role"',
      });
    }
  }
  if (t === R.pods && !Array.isArray(spec['containers'])) {
    errs.push({ type: 'FieldValueRequired', field: 'spec.containers' });
  }
  return errs;
}
