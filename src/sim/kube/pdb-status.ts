import type { SimClock } from '../clock.js';
import type { KubeObject } from '../contracts.js';
import { isPodReady } from './pod-status.js';
import { R } from './resources.js';
import { fromSelectorObject, matchesLabels } from './selectors.js';
import type { Store } from './store.js';
import { controllerRef, isRecord, specOf, statusOf, arr } from './types.js';

/** How long a granted eviction keeps a pod out of currentHealthy (the controller's DeletionTimeout). */
const DELETION_TIMEOUT_MS = 2 * 60 * 1000;

/** Pods of the PDB's namespace its selector picks (nil selector: none; `{}`: all). */
export function podsOfBudget(store: Store, pdb: KubeObject): KubeObject[] {
  let sel;
  try {
    sel = fromSelectorObject(specOf(pdb)['selector']);
  } catch {
    return [];
  }
  if (!sel) return [];
  return store
    .list(R.pods, pdb.metadata.namespace)
    .filter((p) => matchesLabels(sel, p.metadata.labels));
}

function scaled(value: unknown, total: number, roundUp: boolean): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.endsWith('%')) {
    const pct = Number(value.slice(0, -1));
    const v = (pct * total) / 100;
    return roundUp ? Math.ceil(v) : Math.floor(v);
  }
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** The scale of the controllers of these pods (Deployment via its ReplicaSet), as getExpectedScale sums. */
function expectedScale(store: Store, pods: KubeObject[]): number {
  const seen = new Set<string>();
  let total = 0;
  for (const pod of pods) {
    const ref = controllerRef(pod);
    if (!ref) continue;
    const ns = pod.metadata.namespace;
    let owner: KubeObject | undefined;
    if (ref['kind'] === 'ReplicaSet') {
      owner = store.get(R.replicasets, ns, String(ref['name']));
      const up = owner ? controllerRef(owner) : undefined;
      if (up?.['kind'] === 'Deployment')
        owner = store.get(R.deployments, ns, String(up['name'])) ?? owner;
    } else if (ref['kind'] === 'StatefulSet') {
      owner = store.get(R.statefulsets, ns, String(ref['name']));
    }
    if (!owner?.metadata.uid || seen.has(owner.metadata.uid)) continue;
    seen.add(owner.metadata.uid);
    const r = specOf(owner)['replicas'];
    total += typeof r === 'number' ? r : 1;
  }
  return total;
}

/** Computes a PDB's status as the disruption controller would, from the pods now in the store. */
export function computeBudgetStatus(
  store: Store,
  clock: SimClock,
  pdb: KubeObject,
): Record<string, unknown> {
  const spec = specOf(pdb);
  const old = statusOf(pdb);
  const pods = podsOfBudget(store, pdb);
  let expected = 0;
  let desired = 0;
  if (spec['maxUnavailable'] !== undefined) {
    expected = expectedScale(store, pods);
    desired = Math.max(0, expected - (scaled(spec['maxUnavailable'], expected, true) ?? 0));
  } else if (typeof spec['minAvailable'] === 'number') {
    expected = pods.length;
    desired = spec['minAvailable'];
  } else if (spec['minAvailable'] !== undefined) {
    expected = expectedScale(store, pods);
    desired = scaled(spec['minAvailable'], expected, true) ?? 0;
  }
  const now = clock.now();
  const byName = new Map(pods.map((p) => [p.metadata.name, p]));
  const disrupted: Record<string, string> = {};
  const oldDisrupted = isRecord(old['disruptedPods']) ? old['disruptedPods'] : {};
  for (const [name, when] of Object.entries(oldDisrupted)) {
    const pod = byName.get(name);
    if (!pod || pod.metadata.deletionTimestamp) continue;
    if (Date.parse(String(when)) + clock.wallMs(DELETION_TIMEOUT_MS) <= now) continue;
    disrupted[name] = String(when);
  }
  let healthy = 0;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp || disrupted[pod.metadata.name]) continue;
    if (isPodReady(pod)) healthy++;
  }
  let allowed = healthy - desired;
  if (expected <= 0 || allowed <= 0) allowed = 0;
  return budgetStatus(pdb, { disrupted, allowed, healthy, desired, expected }, clock.iso());
}

/** A PDB status object with the DisruptionAllowed condition (lastTransitionTime kept when unchanged). */
export function budgetStatus(
  pdb: KubeObject,
  s: {
    disrupted: Record<string, string>;
    allowed: number;
    healthy: number;
    desired: number;
    expected: number;
  },
  nowIso: string,
): Record<string, unknown> {
  const old = statusOf(pdb);
  const condStatus = s.allowed > 0 ? 'True' : 'False';
  const oldCond = arr(old['conditions']).find(
    (c) => isRecord(c) && c['type'] === 'DisruptionAllowed',
  );
  const since =
    isRecord(oldCond) && oldCond['status'] === condStatus ? oldCond['lastTransitionTime'] : nowIso;
  const status: Record<string, unknown> = {
    observedGeneration: pdb.metadata['generation'] ?? 1,
    disruptionsAllowed: s.allowed,
    currentHealthy: s.healthy,
    desiredHealthy: s.desired,
    expectedPods: s.expected,
    conditions: [
      {
        type: 'DisruptionAllowed',
        status: condStatus,
        observedGeneration: pdb.metadata['generation'] ?? 1,
        lastTransitionTime: since,
        reason: s.allowed > 0 ? 'SufficientPods' : 'InsufficientPods',
        message: '',
      },
    ],
  };
  if (Object.keys(s.disrupted).length > 0) status['disruptedPods'] = s.disrupted;
  return status;
}

/** The disruption controller: recomputes PDB status when pods or budgets of a namespace change. */
export class DisruptionController {
  private readonly queued = new Set<string>();
  paused = false;

  constructor(
    private readonly store: Store,
    private readonly clock: SimClock,
  ) {
    store.subscribe((e) => {
      if (this.paused) return;
      if (e.resource === R.pods || (e.resource === R.pdbs && e.type !== 'DELETED')) {
        this.enqueue(e.object.metadata.namespace ?? '');
      }
    });
  }

  /** Recomputes every budget now (after loading a scenario). */
  syncAll(): void {
    for (const pdb of this.store.list(R.pdbs)) this.sync(pdb);
  }

  /** Recomputes the budgets of one namespace now. */
  syncNamespace(ns: string): void {
    for (const pdb of this.store.list(R.pdbs, ns)) this.sync(pdb);
  }

  private enqueue(ns: string): void {
    if (this.queued.has(ns)) return;
    this.queued.add(ns);
    this.clock.after(50, () => {
      this.queued.delete(ns);
      this.syncNamespace(ns);
    });
  }

  private sync(pdb: KubeObject): void {
    const status = computeBudgetStatus(this.store, this.clock, pdb);
    if (JSON.stringify(status) === JSON.stringify(pdb['status'])) return;
    this.store.update(R.pdbs, { ...pdb, status });
  }
}
