/** One stored object of an engine's policy kind: its place and its spec, as read. */
export interface EngineObject {
  namespace?: string;
  name: string;
  /** `spec` (Cilium and Calico); Cilium may also carry `specs`, a list of rules. */
  spec?: unknown;
  specs?: unknown;
}

/**
 * One engine policy kind as read: not served (no such CRD: normal), its objects, or why it could
 * not be read (a refusal or a failure: an unknown fact, never an empty list).
 */
export type EngineKindRead = {
  engine: 'cilium' | 'calico';
  kind: string;
  apiVersion: string;
} & ({ served: false } | { served: true; objects: EngineObject[] } | { unread: string });

/** yes, no, or cannot be told from what was read. */
export type Tri = 'yes' | 'no' | 'maybe';

/** The stronger of two answers: yes over maybe over no. */
export function anyOf(...answers: Tri[]): Tri {
  if (answers.includes('yes')) return 'yes';
  return answers.includes('maybe') ? 'maybe' : 'no';
}

/** Both must hold: no over maybe over yes. */
export function allOf(...answers: Tri[]): Tri {
  if (answers.includes('no')) return 'no';
  return answers.includes('maybe') ? 'maybe' : 'yes';
}

/** The policy as messages name it: `Kind ns/name` or `Kind name`. */
export function enginePolicyName(kind: string, o: { namespace?: string; name: string }): string {
  return `${kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

/** A record, or undefined. */
export function rec(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/** A list, or empty. */
export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The strings of a list. */
export function strings(v: unknown): string[] {
  return list(v).filter((s): s is string => typeof s === 'string');
}
