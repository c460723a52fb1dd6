import { randomUUID } from 'node:crypto';
import type { SimClock } from '../clock.js';
import type { KubeObject } from '../contracts.js';
import { type ResourceType, apiVersionOf, controllerRef, objectKey, pathGet } from './types.js';

/** A change the store made, as watchers and controllers see it. */
export interface StoreEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resource: ResourceType;
  object: KubeObject;
  /** The version before a MODIFIED (watches use it to see an object leave their selector). */
  old?: KubeObject;
  /** The resourceVersion the change was written at. */
  rv: number;
}

/** How many changes the store remembers for watches that resume from a resourceVersion. */
export const DEFAULT_HISTORY = 2000;

interface Table {
  items: Map<string, KubeObject>;
  byNamespace: Map<string, Map<string, KubeObject>>;
  /** Sorted keys, rebuilt lazily after adds and removes (paging needs a stable order). */
  sorted: string[] | undefined;
  /**
   * The objects in key order, rebuilt lazily after any write: a list of 30,000 pods is paged 60
   * times, and looking each key up again per page cost about 10 ms a page.
   */
  sortedObjects: readonly KubeObject[] | undefined;
  /** Bumped on every write, so derived caches (RBAC) know when to rebuild. */
  generation: number;
}

/**
 * The API server's storage: objects by resource, with a global resourceVersion counter.
 * Pods are also indexed by node and by controller uid, so drains and controllers stay O(pods touched).
 */
export class Store {
  private rv = 0;
  private readonly tables = new Map<ResourceType, Table>();
  private readonly podsByNode = new Map<string, Map<string, KubeObject>>();
  private readonly podsByOwner = new Map<string, Map<string, KubeObject>>();
  private readonly listeners = new Set<(e: StoreEvent) => void>();
  private readonly podCountListeners = new Set<(node: string) => void>();
  /**
   * The latest changes, oldest first, bounded (the API server's watch cache): those from index
   * `first` on; the forgotten ones before it are cut off in one go once they are as many.
   */
  private readonly history: StoreEvent[] = [];
  private first = 0;

  constructor(
    private readonly clock: SimClock,
    private readonly historySize = DEFAULT_HISTORY,
  ) {}

  /**
   * The changes after resourceVersion `rv`, oldest first, or `expired` with the oldest version a
   * watch can still resume from when they are no longer all remembered.
   */
  changesSince(rv: number): StoreEvent[] | { expired: number } {
    const oldest = this.history[this.first]?.rv ?? this.rv + 1;
    if (rv < oldest - 1) return { expired: oldest - 1 };
    let lo = this.first;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.history[mid]!.rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    return this.history.slice(lo);
  }

  /** The latest resourceVersion handed out. */
  currentVersion(): string {
    return String(this.rv);
  }

  /** A write counter per resource type. */
  generation(t: ResourceType): number {
    return this.table(t).generation;
  }

  /** Subscribes to every change; returns the unsubscribe function. */
  subscribe(fn: (e: StoreEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  get(t: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.table(t).items.get(objectKey(t.namespaced ? namespace : undefined, name));
  }

  /** Objects of a type (one namespace or all), in key order; the array is shared, never change it. */
  list(t: ResourceType, namespace?: string): readonly KubeObject[] {
    const table = this.table(t);
    if (t.namespaced && namespace) {
      const inNs = table.byNamespace.get(namespace);
      if (!inNs) return [];
      return [...inNs.keys()].sort().map((k) => inNs.get(k)!);
    }
    if (!table.sortedObjects) {
      table.sorted ??= [...table.items.keys()].sort();
      table.sortedObjects = table.sorted.map((k) => table.items.get(k)!);
    }
    return table.sortedObjects;
  }

  /** Count of objects of a type. */
  count(t: ResourceType): number {
    return this.table(t).items.size;
  }

  /** How many pods are bound to a node. */
  podCountOnNode(node: string): number {
    return this.podsByNode.get(node)?.size ?? 0;
  }

  /**
   * Calls `fn` with a node's name as soon as the number of pods bound to it changes (before the
   * change's event goes out, so the scheduler is current for any listener that places a pod).
   */
  onPodCountChange(fn: (node: string) => void): () => void {
    this.podCountListeners.add(fn);
    return () => this.podCountListeners.delete(fn);
  }

  /** Pods bound to a node. */
  podsOnNode(node: string): KubeObject[] {
    return [...(this.podsByNode.get(node)?.values() ?? [])];
  }

  /** Pods whose controller reference has this uid. */
  podsOwnedBy(uid: string): KubeObject[] {
    return [...(this.podsByOwner.get(uid)?.values() ?? [])];
  }

  /** Stores a new object: assigns uid (unless given), resourceVersion, creationTimestamp, kind. */
  create(t: ResourceType, obj: KubeObject, silent = false): KubeObject {
    const stored: KubeObject = {
      ...obj,
      apiVersion: apiVersionOf(t),
      kind: t.kind,
      metadata: {
        ...obj.metadata,
        uid: obj.metadata.uid ?? randomUUID(),
        resourceVersion: String(++this.rv),
        creationTimestamp: obj.metadata.creationTimestamp ?? this.clock.iso(),
      },
    };
    if (!t.namespaced) delete stored.metadata.namespace;
    if (obj['spec'] !== undefined && stored.metadata['generation'] === undefined) {
      stored.metadata['generation'] = 1;
    }
    this.put(t, stored);
    if (!silent) this.emit({ type: 'ADDED', resource: t, object: stored, rv: this.rv });
    return stored;
  }

  /** Replaces a stored object with a new version (new resourceVersion; generation bumps on spec change). */
  update(t: ResourceType, obj: KubeObject): KubeObject {
    const old = this.get(t, obj.metadata.namespace, obj.metadata.name);
    if (!old) throw new Error(`update of missing ${t.resource} ${obj.metadata.name}`);
    const stored: KubeObject = {
      ...obj,
      apiVersion: apiVersionOf(t),
      kind: t.kind,
      metadata: {
        ...obj.metadata,
        uid: old.metadata.uid,
        creationTimestamp: old.metadata.creationTimestamp,
        resourceVersion: String(++this.rv),
      },
    };
    if (old.metadata.deletionTimestamp)
      stored.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
    const oldGen = typeof old.metadata['generation'] === 'number' ? old.metadata['generation'] : 1;
    if (old['spec'] !== undefined || obj['spec'] !== undefined) {
      const changed = JSON.stringify(old['spec']) !== JSON.stringify(obj['spec']);
      stored.metadata['generation'] = changed ? oldGen + 1 : oldGen;
    }
    this.unindex(t, old);
    this.put(t, stored);
    this.emit({ type: 'MODIFIED', resource: t, object: stored, old, rv: this.rv });
    return stored;
  }

  /** Removes an object; returns it (with a fresh resourceVersion, as DELETED events carry). */
  remove(t: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const table = this.table(t);
    const key = objectKey(t.namespaced ? namespace : undefined, name);
    const old = table.items.get(key);
    if (!old) return undefined;
    table.items.delete(key);
    table.byNamespace.get(old.metadata.namespace ?? '')?.delete(name);
    table.sorted = undefined;
    table.sortedObjects = undefined;
    table.generation++;
    this.unindex(t, old);
    const gone = { ...old, metadata: { ...old.metadata, resourceVersion: String(++this.rv) } };
    this.emit({ type: 'DELETED', resource: t, object: gone, rv: this.rv });
    return gone;
  }

  private put(t: ResourceType, obj: KubeObject): void {
    const table = this.table(t);
    const ns = obj.metadata.namespace ?? '';
    const key = objectKey(t.namespaced ? ns : undefined, obj.metadata.name);
    if (!table.items.has(key)) table.sorted = undefined;
    table.sortedObjects = undefined;
    table.items.set(key, obj);
    let inNs = table.byNamespace.get(ns);
    if (!inNs) table.byNamespace.set(ns, (inNs = new Map<string, KubeObject>()));
    inNs.set(obj.metadata.name, obj);
    table.generation++;
    if (t.kind === 'Pod') {
      const node = pathGet(obj, ['spec', 'nodeName']);
      if (typeof node === 'string' && node) {
        addTo(this.podsByNode, node, key, obj);
        for (const fn of this.podCountListeners) fn(node);
      }
      const owner = controllerRef(obj)?.['uid'];
      if (typeof owner === 'string') addTo(this.podsByOwner, owner, key, obj);
    }
  }

  private unindex(t: ResourceType, obj: KubeObject): void {
    if (t.kind !== 'Pod') return;
    const key = objectKey(obj.metadata.namespace, obj.metadata.name);
    const node = pathGet(obj, ['spec', 'nodeName']);
    if (typeof node === 'string' && this.podsByNode.get(node)?.delete(key))
      for (const fn of this.podCountListeners) fn(node);
    const owner = controllerRef(obj)?.['uid'];
    if (typeof owner === 'string') this.podsByOwner.get(owner)?.delete(key);
  }

  private emit(e: StoreEvent): void {
    this.history.push(e);
    // Forgetting one change per write by splice moved the whole window each time (2,000 entries).
    this.first = Math.max(this.first, this.history.length - this.historySize);
    if (this.first > this.historySize) {
      this.history.splice(0, this.first);
      this.first = 0;
    }
    for (const fn of this.listeners) fn(e);
  }

  private table(t: ResourceType): Table {
    let table = this.tables.get(t);
    if (!table) {
      table = {
        items: new Map(),
        byNamespace: new Map(),
        sorted: undefined,
        sortedObjects: undefined,
        generation: 0,
      };
      this.tables.set(t, table);
    }
    return table;
  }
}

function addTo(
  index: Map<string, Map<string, KubeObject>>,
  k: string,
  key: string,
  obj: KubeObject,
): void {
  let m = index.get(k);
  if (!m) index.set(k, (m = new Map<string, KubeObject>()));
  m.set(key, obj);
}
