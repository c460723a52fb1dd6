// What an update may not change, per kind, as the API server's ValidateXUpdate functions say:
// a pod's spec beyond images, deadlines and added tolerations; workload selectors; a Job's
// template; a binding's roleRef; most of a StatefulSet's spec.
import type { KubeObject } from '../contracts.js';
import { goLabelSelector, goRoleRef } from './go-value.js';
import { R } from './resources.js';
import type { FieldError } from './status.js';
import { arr, clone, isRecord, sameValue, specOf, type ResourceType } from './types.js';

/** The fields a pod update may change, as the API server lists them in its refusal. */
const UPDATABLE_POD_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
].join(',');

const STATEFULSET_MUTABLE = [
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'revisionHistoryLimit',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
];

function immutable(field: string, value: unknown, shown?: string): FieldError {
  return {
    type: 'FieldValueInvalid',
    field,
    value,
    ...(shown ? { shown } : {}),
    detail: 'field is immutable',
  };
}

/** `cmp.Diff`-like lines for the top-level pod spec fields an update changed. */
function specDiff(old: Record<string, unknown>, next: Record<string, unknown>): string {
  const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])].sort();
  const goName = (k: string): string => k.charAt(0).toUpperCase() + k.slice(1);
  const lines = ['  core.PodSpec{'];
  for (const k of keys) {
    if (sameValue(old[k], next[k])) continue;
    if (old[k] !== undefined) lines.push(`- \t${goName(k)}: ${JSON.stringify(old[k])},`);
    if (next[k] !== undefined) lines.push(`+ \t${goName(k)}: ${JSON.stringify(next[k])},`);
  }
  lines.push('  }');
  return lines.join('\n');
}

function podUpdate(old: KubeObject, next: KubeObject): FieldError[] {
  const o = specOf(old);
  const n = specOf(next);
  for (const key of ['containers', 'initContainers']) {
    if (arr(o[key]).length !== arr(n[key]).length)
      return [
        {
          type: 'FieldValueForbidden',
          field: `spec.${key}`,
          detail: 'pod updates may not add or remove containers',
        },
      ];
  }
  const errs: FieldError[] = [];
  for (const key of ['containers', 'initContainers'])
    arr(n[key]).forEach((c, i) => {
      if (isRecord(c) && !c['image'])
        errs.push({ type: 'FieldValueRequired', field: `spec.${key}[${i}].image` });
    });
  const deadline = n['activeDeadlineSeconds'];
  const was = o['activeDeadlineSeconds'];
  if (typeof deadline === 'number' && typeof was === 'number' && deadline > was)
    errs.push({
      type: 'FieldValueInvalid',
      field: 'spec.activeDeadlineSeconds',
      value: deadline,
      detail: 'must be less than or equal to previous value',
    });
  if (deadline === undefined && typeof was === 'number')
    errs.push({
      type: 'FieldValueInvalid',
      field: 'spec.activeDeadlineSeconds',
      shown: 'null',
      detail: 'must not update from a positive integer to nil value',
    });
  const kept = arr(o['tolerations']).every((t) =>
    arr(n['tolerations']).some((u) => sameValue(withoutSeconds(t), withoutSeconds(u))),
  );
  if (!kept)
    errs.push({
      type: 'FieldValueForbidden',
      field: 'spec.tolerations',
      detail: 'existing toleration can not be modified except its tolerationSeconds',
    });
  // What may change is set back to the old values; anything else left different is refused.
  const munged = clone(n);
  for (const key of ['containers', 'initContainers'])
    arr(munged[key]).forEach((c, i) => {
      const before = arr(o[key])[i];
      if (isRecord(c) && isRecord(before)) c['image'] = before['image'];
    });
  for (const key of ['activeDeadlineSeconds', 'tolerations', 'schedulingGates']) {
    if (o[key] === undefined) delete munged[key];
    else munged[key] = o[key];
  }
  const grace = o['terminationGracePeriodSeconds'];
  if (typeof grace === 'number' && grace < 0 && munged['terminationGracePeriodSeconds'] === 1)
    munged['terminationGracePeriodSeconds'] = grace;
  if (!sameValue(munged, o))
    errs.push({
      type: 'FieldValueForbidden',
      field: 'spec',
      detail: `pod updates may not change fields other than ${UPDATABLE_POD_FIELDS}\n${specDiff(o, munged)}`,
    });
  return errs;
}

function withoutSeconds(t: unknown): unknown {
  if (!isRecord(t)) return t;
  const { tolerationSeconds: _ignored, ...rest } = t;
  return rest;
}

function selectorUnchanged(old: KubeObject, next: KubeObject): FieldError[] {
  const sel = specOf(next)['selector'];
  return sameValue(specOf(old)['selector'], sel)
    ? []
    : [immutable('spec.selector', sel, goLabelSelector(sel))];
}

function statefulSetUpdate(old: KubeObject, next: KubeObject): FieldError[] {
  const rest = (o: KubeObject): Record<string, unknown> => {
    const s = { ...specOf(o) };
    for (const k of STATEFULSET_MUTABLE) delete s[k];
    return s;
  };
  if (sameValue(rest(old), rest(next))) return [];
  const names = STATEFULSET_MUTABLE.map((k) => `'${k}'`);
  return [
    {
      type: 'FieldValueForbidden',
      field: 'spec',
      detail: `updates to statefulset spec for fields other than ${names.slice(0, -1).join(', ')} and ${names.at(-1)!} are forbidden`,
    },
  ];
}

function jobUpdate(old: KubeObject, next: KubeObject): FieldError[] {
  const errs = selectorUnchanged(old, next);
  const o = specOf(old);
  const n = specOf(next);
  if (!sameValue(o['template'], n['template']))
    errs.push(immutable('spec.template', n['template']));
  if (!sameValue(o['completions'], n['completions']))
    errs.push(immutable('spec.completions', n['completions']));
  return errs;
}

/** The errors of updating `old` to `next` (both defaulted); empty when the update is allowed. */
export function validateUpdate(t: ResourceType, old: KubeObject, next: KubeObject): FieldError[] {
  if (t === R.pods) return podUpdate(old, next);
  if (t === R.deployments || t === R.replicasets || t === R.daemonsets)
    return selectorUnchanged(old, next);
  if (t === R.statefulsets) return statefulSetUpdate(old, next);
  if (t === R.jobs) return jobUpdate(old, next);
  if (t === R.rolebindings || t === R.clusterrolebindings) {
    if (sameValue(old['roleRef'], next['roleRef'])) return [];
    return [
      {
        type: 'FieldValueInvalid',
        field: 'roleRef',
        value: next['roleRef'],
        shown: goRoleRef(next['roleRef']),
        detail: 'cannot change roleRef',
      },
    ];
  }
  return [];
}
