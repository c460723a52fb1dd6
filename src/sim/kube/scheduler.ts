import type { KubeObject } from '../contracts.js';
import { R } from './resources.js';
import type { Store } from './store.js';
import { isRecord, pathGet, specOf, arr } from './types.js';

/** The taint cordoned nodes carry. */
export const UNSCHEDULABLE_TAINT = {
  key: 'node.kubernetes.io/unschedulable',
  effect: 'NoSchedule',
};

function tolerates(tolerations: unknown[], taint: Record<string, unknown>): boolean {
  return tolerations.some((t) => {
    if (!isRecord(t)) return false;
    if (t['effect'] && t['effect'] !== taint['effect']) return false;
    if (t['operator'] === 'Exists') return !t['key'] || t['key'] === taint['key'];
    return t['key'] === taint['key'] && (t['value'] ?? '') === (taint['value'] ?? '');
  });
}

/** Whether a pod may run on a node: taints (NoSchedule/NoExecute), nodeSelector, readiness. */
export function fits(pod: KubeObject, node: KubeObject, ignoreUnschedulable = false): boolean {
  const spec = specOf(pod);
  const tolerations = arr(spec['tolerations']);
  const nodeSpec = specOf(node);
  if (
    !ignoreUnschedulable &&
    nodeSpec['unschedulable'] === true &&
    !tolerates(tolerations, UNSCHEDULABLE_TAINT)
  ) {
    return false;
  }
  const taints = arr(nodeSpec['taints']);
  for (const taint of taints) {
    if (!isRecord(taint) || taint['effect'] === 'PreferNoSchedule') continue;
    if (ignoreUnschedulable && taint['key'] === UNSCHEDULABLE_TAINT.key) continue;
    if (!tolerates(tolerations, taint)) return false;
  }
  const selector = spec['nodeSelector'];
  if (isRecord(selector)) {
    const labels = node.metadata.labels ?? {};
    for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return false;
  }
  const conds = pathGet(node, ['status', 'conditions']);
  {
    const ready = arr(conds).find((c) => isRecord(c) && c['type'] === 'Ready');
    if (isRecord(ready) && ready['status'] !== 'True') return false;
  }
  return true;
}

/**
 * Nodes a pod fits on depend only on its tolerations and node selector and on the nodes, so they are
 * remembered per pod shape until any node changes: a 30,000-pod load asks the same question often.
 */
const fitting = new WeakMap<Store, { generation: number; byShape: Map<string, string[]> }>();

function nodesFor(store: Store, pod: KubeObject): string[] {
  const generation = store.generation(R.nodes);
  let cache = fitting.get(store);
  if (!cache || cache.generation !== generation) {
    cache = { generation, byShape: new Map() };
    fitting.set(store, cache);
  }
  const spec = specOf(pod);
  const shape = JSON.stringify([spec['tolerations'] ?? null, spec['nodeSelector'] ?? null]);
  let names = cache.byShape.get(shape);
  if (!names) {
    names = store
      .list(R.nodes)
      .filter((node) => fits(pod, node))
      .map((node) => node.metadata.name);
    cache.byShape.set(shape, names);
  }
  return names;
}

/** Picks the fitting node with the fewest pods, or explains why none fits. */
export function pickNode(
  store: Store,
  pod: KubeObject,
  avoid?: string,
): { node: string } | { reason: string } {
  let best: { name: string; load: number } | undefined;
  for (const name of nodesFor(store, pod)) {
    const load = store.podCountOnNode(name) + (name === avoid ? 1e6 : 0);
    if (!best || load < best.load) best = { name, load };
  }
  if (best) return { node: best.name };
  const nodes = store.list(R.nodes);
  return {
    reason: `0/${nodes.length} nodes are available: ${nodes.length} node(s) didn't match Pod's node affinity/selector or had untolerated taints. preemption: 0/${nodes.length} nodes are available.`,
  };
}
