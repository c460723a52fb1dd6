/** The unschedulable taint follows spec.unschedulable, as the node lifecycle controller keeps it. */
import type { KubeObject } from '../contracts.js';
import { UNSCHEDULABLE_TAINT } from './scheduler.js';
import { isRecord, specOf, arr } from './types.js';

/** Keeps the unschedulable taint in step with spec.unschedulable, as the node lifecycle controller does. */
export function syncUnschedulableTaint(node: KubeObject, nowIso: string): KubeObject {
  const spec = { ...specOf(node) };
  const taints = arr(spec['taints']).filter(
    (t) => !(isRecord(t) && t['key'] === UNSCHEDULABLE_TAINT.key),
  );
  if (spec['unschedulable'] === true) taints.push({ ...UNSCHEDULABLE_TAINT, timeAdded: nowIso });
  if (taints.length > 0) spec['taints'] = taints;
  else delete spec['taints'];
  return { ...node, spec };
}
