import type { KubeObject } from '../contracts.js';
import { isRecord, pathGet, text } from './types.js';

type Requirement =
  | { op: '=' | '!='; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | '!'; key: string };

/** A parsed label selector: all requirements must hold. */
export type LabelSelector = Requirement[];

/** Parses the `labelSelector` query syntax; throws with an API-server-like message when malformed. */
export function parseLabelSelector(text: string): LabelSelector {
  const out: Requirement[] = [];
  for (const part of splitTopLevel(text)) {
    const s = part.trim();
    if (!s) continue;
    let m = /^([^\s!=,()]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(s);
    if (m) {
      const values = m[3]!
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v.length > 0);
      out.push({ op: m[2] as 'in' | 'notin', key: m[1]!, values });
      continue;
    }
    m = /^([^\s!=,()]+)\s*(==|=|!=)\s*([^\s!=,()]*)$/.exec(s);
    if (m) {
      out.push({ op: m[2] === '!=' ? '!=' : '=', key: m[1]!, value: m[3]! });
      continue;
    }
    m = /^!\s*([^\s!=,()]+)$/.exec(s);
    if (m) {
      out.push({ op: '!', key: m[1]! });
      continue;
    }
    m = /^([^\s!=,()]+)$/.exec(s);
    if (m) {
      out.push({ op: 'exists', key: m[1]! });
      continue;
    }
    throw new Error(`unable to parse requirement: ${s}`);
  }
  return out;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

/** Whether a label map satisfies a parsed selector. */
export function matchesLabels(
  sel: LabelSelector,
  labels: Record<string, string> | undefined,
): boolean {
  const l = labels ?? {};
  return sel.every((r) => {
    const has = Object.hasOwn(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case '=':
        return has && v === r.value;
      case '!=':
        return !has || v !== r.value;
      case 'in':
        return has && r.values.includes(v!);
      case 'notin':
        return !has || !r.values.includes(v!);
      case 'exists':
        return has;
      case '!':
        return !has;
    }
  });
}

/**
 * Converts a metav1.LabelSelector object (matchLabels/matchExpressions) to requirements.
 * Returns undefined for a nil selector, which matches nothing; `{}` matches everything.
 */
export function fromSelectorObject(sel: unknown): LabelSelector | undefined {
  if (!isRecord(sel)) return undefined;
  const out: Requirement[] = [];
  const ml = sel['matchLabels'];
  if (isRecord(ml))
    for (const [k, v] of Object.entries(ml)) out.push({ op: '=', key: k, value: String(v) });
  const me = sel['matchExpressions'];
  if (Array.isArray(me)) {
    for (const e of me) {
      if (!isRecord(e)) continue;
      const key = String(e['key']);
      const values = Array.isArray(e['values']) ? e['values'].map(String) : [];
      switch (e['operator']) {
        case 'In':
          out.push({ op: 'in', key, values });
          break;
        case 'NotIn':
          out.push({ op: 'notin', key, values });
          break;
        case 'Exists':
          out.push({ op: 'exists', key });
          break;
        case 'DoesNotExist':
          out.push({ op: '!', key });
          break;
        default:
          throw new Error(`${String(e['operator'])} is not a valid label selector operator`);
      }
    }
  }
  return out;
}

/** A parsed field selector: `path=value` and `path!=value` terms. */
export type FieldSelector = Array<{ path: string; value: string; negate: boolean }>;

const podFields = [
  'metadata.name',
  'metadata.namespace',
  'spec.nodeName',
  'status.phase',
  'spec.restartPolicy',
  'spec.schedulerName',
  'spec.serviceAccountName',
  'status.podIP',
  'status.nominatedNodeName',
];

const eventFields = [
  'metadata.name',
  'metadata.namespace',
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
];

/** Parses `fieldSelector`; throws the API server's message for an unsupported field. */
export function parseFieldSelector(text: string, kind: string): FieldSelector {
  const out: FieldSelector = [];
  for (const part of text.split(',')) {
    const s = part.trim();
    if (!s) continue;
    const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(s);
    if (!m) throw new Error(`invalid selector: '${s}'; can't understand '${s}'`);
    const path = m[1]!;
    const allowed =
      kind === 'Pod'
        ? podFields
        : kind === 'Event'
          ? eventFields
          : ['metadata.name', 'metadata.namespace'];
    if (!allowed.includes(path)) {
      throw new Error(`field label not supported: ${path}`);
    }
    out.push({ path, value: m[3]!, negate: m[2] === '!=' });
  }
  return out;
}

/** Whether an object satisfies a parsed field selector. */
export function matchesFields(sel: FieldSelector, obj: KubeObject): boolean {
  return sel.every((f) => {
    // The `source` field of events selects on source.component.
    const path = f.path === 'source' ? 'source.component' : f.path;
    const raw = pathGet(obj, path.split('.'));
    const v = text(raw);
    return f.negate ? v !== f.value : v === f.value;
  });
}
