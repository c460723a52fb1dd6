// The garbage collector: what an owner's deletion does to its dependents (objects whose
// ownerReferences name its uid), by propagation policy: Background deletes them after the owner,
// Foreground before it (the owner waits with the foregroundDeletion finalizer), Orphan leaves them
// without the reference.
import type { KubeObject } from '../contracts.js';
import type { PodLifecycle } from './pods.js';
import { R } from './resources.js';
import type { Store, StoreEvent } from './store.js';
import { type ResourceType } from './types.js';

/** What each kind of owner may have as dependents among the served resources. */
const DEPENDENT_TYPES: Record<string, ResourceType[]> = {
  Deployment: [R.replicasets],
  ReplicaSet: [R.pods],
  StatefulSet: [R.pods],
  DaemonSet: [R.pods],
  Job: [R.pods],
  CronJob: [R.jobs],
};

/** Deletion propagation, as DeleteOptions.propagationPolicy names it. */
export type Propagation = 'Background' | 'Foreground' | 'Orphan';

export const FOREGROUND = 'foregroundDeletion';

function ownedBy(o: KubeObject, uid: string): boolean {
  return (o.metadata.ownerReferences ?? []).some((r) => r['uid'] === uid);
}

/** Dependents of an owner, in its namespace (or every namespace for a cluster-scoped owner). */
export function dependentsOf(store: Store, owner: KubeObject): Array<[ResourceType, KubeObject]> {
  const uid = owner.metadata.uid ?? '';
  const out: Array<[ResourceType, KubeObject]> = [];
  for (const t of DEPENDENT_TYPES[owner.kind] ?? []) {
    const candidates =
      t === R.pods ? store.podsOwnedBy(uid) : store.list(t, owner.metadata.namespace);
    for (const o of candidates) if (ownedBy(o, uid)) out.push([t, o]);
  }
  return out;
}

/** Collects what deleted owners leave behind, and finishes foreground deletions. */
export class GarbageCollector {
  /** Owners waiting for their dependents (foreground), by `resource/ns/name`. */
  private readonly waiting = new Map<string, [ResourceType, KubeObject]>();

  constructor(
    private readonly store: Store,
    private readonly pods: PodLifecycle,
  ) {}

  /** Store events reach here: a removed owner's dependents go too; waiting owners are re-checked. */
  onEvent(e: StoreEvent): void {
    if (e.type !== 'DELETED') return;
    if (!this.waiting.has(keyOf(e.resource, e.object))) this.deleteDependents(e.object);
    for (const [key, [t, owner]] of [...this.waiting]) {
      if (dependentsOf(this.store, owner).length > 0) continue;
      this.waiting.delete(key);
      this.store.remove(t, owner.metadata.namespace, owner.metadata.name);
    }
  }

  /** Removes the owner reference from every dependent (Orphan). */
  orphan(owner: KubeObject): void {
    const uid = owner.metadata.uid;
    for (const [t, o] of dependentsOf(this.store, owner)) {
      const refs = (o.metadata.ownerReferences ?? []).filter((r) => r['uid'] !== uid);
      const metadata: KubeObject['metadata'] = { ...o.metadata, ownerReferences: refs };
      if (refs.length === 0) delete metadata.ownerReferences;
      this.store.update(t, { ...o, metadata });
    }
  }

  /** Marks the owner deleted, deletes its dependents, and removes it once they are gone. */
  foreground(t: ResourceType, owner: KubeObject, nowIso: string): KubeObject {
    const finalizers = [
      ...new Set([...((owner.metadata['finalizers'] as string[]) ?? []), FOREGROUND]),
    ];
    const marked = this.store.update(t, {
      ...owner,
      metadata: {
        ...owner.metadata,
        deletionTimestamp: nowIso,
        deletionGracePeriodSeconds: 0,
        finalizers,
      },
    });
    this.waiting.set(keyOf(t, marked), [t, marked]);
    this.deleteDependents(marked);
    if (dependentsOf(this.store, marked).length === 0) {
      this.waiting.delete(keyOf(t, marked));
      this.store.remove(t, marked.metadata.namespace, marked.metadata.name);
    }
    return marked;
  }

  private deleteDependents(owner: KubeObject): void {
    for (const [t, o] of dependentsOf(this.store, owner)) {
      if (t === R.pods) this.pods.delete(o.metadata.namespace ?? '', o.metadata.name);
      else this.store.remove(t, o.metadata.namespace, o.metadata.name);
    }
  }
}

function keyOf(t: ResourceType, o: KubeObject): string {
  return `${t.resource}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}
