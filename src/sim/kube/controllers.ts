import type { SimClock } from '../clock.js';
import type { KubeObject } from '../contracts.js';
import type { PodLifecycle } from './pods.js';
import { R } from './resources.js';
import type { Store, StoreEvent } from './store.js';
import { type ResourceType, controllerRef } from './types.js';
import { GarbageCollector } from './garbage-collector.js';
import { dropNodeLease, ensureNodeLease } from './node-lease.js';
import { WORKLOADS, Workloads } from './workloads.js';

/**
 * The controller manager: turns store events into debounced reconciles (after `replaceMs`),
 * schedules Pending pods when nodes change, and garbage-collects what deleted workloads owned.
 */
export class Controllers {
  private readonly queued = new Set<string>();
  private pendingQueued = false;
  private readonly workloads: Workloads;
  /** Cascading deletion (Background, Foreground, Orphan); delete requests use it too. */
  readonly gc: GarbageCollector;
  /** While loading a scenario, events are ignored; load reconciles itself. */
  paused = false;

  constructor(
    private readonly store: Store,
    private readonly clock: SimClock,
    private readonly pods: PodLifecycle,
  ) {
    this.workloads = new Workloads(store, pods, clock);
    this.gc = new GarbageCollector(store, pods);
    store.subscribe((e) => this.onEvent(e));
  }

  /** Reconciles these workloads now; pods created this way are Ready at once (scenario load). */
  reconcileNow(workloads: KubeObject[]): void {
    this.workloads.instant = true;
    try {
      for (const t of [R.deployments, R.replicasets, R.statefulsets, R.daemonsets, R.jobs]) {
        for (const obj of workloads) {
          if (obj.kind === t.kind)
            this.workloads.reconcile(t, obj.metadata.namespace ?? 'default', obj.metadata.name);
        }
      }
    } finally {
      this.workloads.instant = false;
    }
  }

  private onEvent(e: StoreEvent): void {
    if (this.paused) return;
    const { object: obj, type } = e;
    this.gc.onEvent(e);
    if (e.resource === R.namespaces && type === 'ADDED') {
      ensureDefaultServiceAccount(this.store, obj.metadata.name);
      return;
    }
    if (e.resource === R.pods) {
      if (type === 'ADDED') return;
      const ref = controllerRef(obj);
      const owner = ref && typeof ref['kind'] === 'string' ? WORKLOADS[ref['kind']] : undefined;
      if (owner) this.enqueue(owner, obj.metadata.namespace ?? '', String(ref?.['name']));
      return;
    }
    if (e.resource === R.nodes) {
      if (type === 'ADDED') ensureNodeLease(this.store, obj, this.clock.now());
      if (type === 'DELETED') dropNodeLease(this.store, obj.metadata.name);
      for (const ds of this.store.list(R.daemonsets))
        this.enqueue(R.daemonsets, ds.metadata.namespace ?? '', ds.metadata.name);
      if (type !== 'DELETED') this.enqueuePending();
      return;
    }
    const workload = Object.values(WORKLOADS).includes(e.resource);
    if (!workload || type === 'DELETED') return;
    if (type === 'MODIFIED' && e.resource === R.replicasets) {
      const owner = controllerRef(obj);
      if (owner?.['kind'] === 'Deployment')
        this.enqueue(R.deployments, obj.metadata.namespace ?? '', String(owner['name']));
    }
    this.enqueue(e.resource, obj.metadata.namespace ?? '', obj.metadata.name);
  }

  private enqueue(t: ResourceType, ns: string, name: string): void {
    const key = `${t.resource}/${ns}/${name}`;
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.clock.after(this.pods.timings.replaceMs, () => {
      this.queued.delete(key);
      this.workloads.reconcile(t, ns, name);
    });
  }

  /** One scan for Pending pods per burst of node changes (a rolling upgrade sends many). */
  private enqueuePending(): void {
    if (this.pendingQueued) return;
    this.pendingQueued = true;
    this.clock.after(this.pods.timings.replaceMs, () => {
      this.pendingQueued = false;
      this.pods.schedulePending();
    });
  }
}

/** The service account controller's one job here: every namespace has a `default` account. */
export function ensureDefaultServiceAccount(store: Store, namespace: string): void {
  if (store.get(R.serviceaccounts, namespace, 'default')) return;
  store.create(R.serviceaccounts, {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'default', namespace },
  });
}
