import type { KubeObject } from '../contracts.js';

/** A subresource as discovery advertises it (e.g. pods/eviction). */
export interface SubresourceType {
  name: string;
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

/** One REST resource the simulated API server serves. */
export interface ResourceType {
  group: string;
  version: string;
  /** Plural, lower case: the path segment. */
  resource: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: SubresourceType[];
  /**
   * A deprecated version: the minor that stops serving it (`1.32`). Served only below that minor
   * and only when the scenario asks for deprecated versions; requests to it feed the
   * `apiserver_requested_deprecated_apis` metric.
   */
  removedIn?: string;
  /**
   * A CRD that a network policy engine installs (Cilium's, Calico's): served only while the
   * cluster runs that engine. No schema of its own here (no explain, no field validation).
   */
  engine?: 'cilium' | 'calico';
}

/** `v1` for the core group, `<group>/<version>` otherwise. */
export function apiVersionOf(t: { group: string; version: string }): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** `pods` or `deployments.apps`: how the API server names a resource in messages. */
export function qualifiedName(t: ResourceType): string {
  return t.group ? `${t.resource}.${t.group}` : t.resource;
}

/** Store key of an object: `ns/name` or `name`. */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/**
 * A deep copy, so that callers never mutate what the store holds. Objects here are JSON data, which
 * a plain walk copies several times faster than `structuredClone` (a scenario load makes tens of
 * thousands of copies); anything else (a Date, a Map, a cycle a YAML alias made) still goes
 * through `structuredClone`.
 */
export function clone<T>(value: T): T {
  try {
    return copyJson(value, 0) as T;
  } catch (e) {
    if (e !== NOT_JSON) throw e;
    return structuredClone(value);
  }
}

const NOT_JSON = new Error('not plain JSON data');
/** Deeper than any Kubernetes object; deeper still means a cycle. */
const MAX_DEPTH = 100;

function copyJson(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) throw NOT_JSON;
  if (Array.isArray(value)) return value.map((v) => copyJson(v, depth + 1));
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw NOT_JSON;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const copy = copyJson(v, depth + 1);
    // An own "__proto__" key (JSON.parse makes them) must stay data, not become the prototype.
    if (k === '__proto__')
      Object.defineProperty(out, k, {
        value: copy,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[k] = copy;
  }
  return out;
}

/**
 * Freezes an object and everything in it (stopping at what is frozen already): the store holds
 * objects this way, so parts it shares between them (a template's pod spec) cannot change under one.
 */
export function freezeDeep<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value)) freezeDeep(v);
  return value;
}

/** A plain-object check that narrows `unknown`. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `obj.a.b.c` from an unknown object. */
export function pathGet(obj: unknown, path: string[]): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (!isRecord(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

/** The object's spec as a record (empty when absent). */
export function specOf(obj: KubeObject): Record<string, unknown> {
  const s = obj['spec'];
  return isRecord(s) ? s : {};
}

/** The object's status as a record (empty when absent). */
export function statusOf(obj: KubeObject): Record<string, unknown> {
  const s = obj['status'];
  return isRecord(s) ? s : {};
}

/** The controller owner reference of an object, if any. */
export function controllerRef(obj: KubeObject): Record<string, unknown> | undefined {
  return obj.metadata.ownerReferences?.find((r) => r['controller'] === true);
}

/** A scalar as text; anything else (objects, absent) becomes `fallback`. */
export function text(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fallback;
}

/** An unknown value as an array (empty when it is not one). */
export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/**
 * Deep equality as apimachinery's semantic DeepEqual sees JSON: object key order does not
 * matter, and an empty list is the same as none.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(normal(a)) === JSON.stringify(normal(b));
}

function normal(v: unknown): unknown {
  if (v === null) return undefined;
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map(normal);
  if (!isRecord(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    const n = normal(v[k]);
    if (n !== undefined) out[k] = n;
  }
  return out;
}

/**
 * A copy without the `null` fields of objects: the API server decodes JSON into typed objects, so a
 * null (`creationTimestamp: null` in what kubectl sends) is the field's zero value, not stored.
 */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => withoutNulls(v)) as T;
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = withoutNulls(v);
  return out as T;
}
