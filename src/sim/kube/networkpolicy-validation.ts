import type { KubeObject } from '../contracts.js';
import { containsAddress, parseCidr } from './cidr.js';
import { validateLabelSelector } from './label-validation.js';
import type { FieldError } from './status.js';
import { arr, isRecord, text } from './types.js';

const CIDR_DETAIL = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

function validateIPBlock(block: Record<string, unknown>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const cidrText = typeof block['cidr'] === 'string' ? block['cidr'] : '';
  if (!cidrText) return [{ type: 'FieldValueRequired', field: `${path}.cidr` }];
  const cidr = parseCidr(cidrText);
  if (!cidr)
    return [
      { type: 'FieldValueInvalid', field: `${path}.cidr`, value: cidrText, detail: CIDR_DETAIL },
    ];
  const except = arr(block['except']);
  except.forEach((e, i) => {
    const field = `${path}.except[${i}]`;
    const text = String(e);
    const ex = parseCidr(text);
    if (!ex) {
      errs.push({ type: 'FieldValueInvalid', field, value: text, detail: CIDR_DETAIL });
      return;
    }
    if (!containsAddress(cidr, ex) || cidr.prefix >= ex.prefix) {
      errs.push({
        type: 'FieldValueInvalid',
        field,
        value: text,
        detail: 'must be a strict subset of `cidr`',
      });
    }
  });
  return errs;
}

function validatePeer(peer: unknown, path: string): FieldError[] {
  if (!isRecord(peer))
    return [{ type: 'FieldValueRequired', field: path, detail: 'must specify a peer' }];
  const errs: FieldError[] = [];
  let n = 0;
  if (peer['podSelector'] != null) {
    n++;
    errs.push(...validateLabelSelector(peer['podSelector'], `${path}.podSelector`));
  }
  if (peer['namespaceSelector'] != null) {
    n++;
    errs.push(...validateLabelSelector(peer['namespaceSelector'], `${path}.namespaceSelector`));
  }
  if (isRecord(peer['ipBlock'])) {
    n++;
    errs.push(...validateIPBlock(peer['ipBlock'], `${path}.ipBlock`));
  }
  if (n === 0)
    errs.push({ type: 'FieldValueRequired', field: path, detail: 'must specify a peer' });
  else if (n > 1 && peer['ipBlock'] != null) {
    errs.push({
      type: 'FieldValueForbidden',
      field: path,
      detail: 'may not specify both ipBlock and another peer',
    });
  }
  return errs;
}

const PORT_RANGE = 'must be between 1 and 65535, inclusive';

function validPortNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

/** IsValidPortName: an IANA_SVC_NAME, at most 15 lowercase letters, digits and single hyphens. */
function portNameProblems(name: string): string[] {
  const out: string[] = [];
  if (name.length < 1 || name.length > 15) out.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name))
    out.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (name.includes('--')) out.push('must not contain consecutive hyphens');
  if (!/[a-z]/.test(name)) out.push('must contain at least one letter (a-z)');
  if (name.startsWith('-') || name.endsWith('-')) out.push('must not begin or end with a hyphen');
  return out;
}

function validatePort(port: unknown, path: string): FieldError[] {
  if (!isRecord(port)) return [];
  const errs: FieldError[] = [];
  const proto = text(port['protocol'], '<object>');
  if (port['protocol'] !== undefined && !['TCP', 'UDP', 'SCTP'].includes(proto)) {
    errs.push({
      type: 'FieldValueNotSupported',
      field: `${path}.protocol`,
      value: proto,
      detail: 'supported values: "SCTP", "TCP", "UDP"',
    });
  }
  const p = port['port'];
  const end = port['endPort'];
  const endInvalid = (detail: string): FieldError => ({
    type: 'FieldValueInvalid',
    field: `${path}.endPort`,
    value: end,
    detail,
  });
  if (typeof p === 'number') {
    if (!validPortNumber(p))
      errs.push({ type: 'FieldValueInvalid', field: `${path}.port`, value: p, detail: PORT_RANGE });
    if (end !== undefined && end !== null) {
      if (typeof end !== 'number' || end < p)
        errs.push(endInvalid('must be greater than or equal to `port`'));
      if (typeof end === 'number' && !validPortNumber(end)) errs.push(endInvalid(PORT_RANGE));
    }
  } else if (typeof p === 'string') {
    if (end !== undefined && end !== null)
      errs.push(endInvalid('may not be specified when `port` is non-numeric'));
    for (const detail of portNameProblems(p))
      errs.push({ type: 'FieldValueInvalid', field: `${path}.port`, value: p, detail });
  } else if (end !== undefined && end !== null) {
    errs.push(endInvalid('may not be specified when `port` is not specified'));
  }
  return errs;
}

/** Validates a NetworkPolicy like the API server's ValidateNetworkPolicySpec (the parts that matter here). */
export function validateNetworkPolicy(np: KubeObject): FieldError[] {
  const spec = isRecord(np['spec']) ? np['spec'] : {};
  const errs = validateLabelSelector(spec['podSelector'], 'spec.podSelector');
  for (const [dir, peers] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    const rules = arr(spec[dir]);
    rules.forEach((rule, i) => {
      if (!isRecord(rule)) return;
      const ports = arr(rule['ports']);
      ports.forEach((p, j) => errs.push(...validatePort(p, `spec.${dir}[${i}].ports[${j}]`)));
      const list = arr(rule[peers]);
      list.forEach((peer, j) =>
        errs.push(...validatePeer(peer, `spec.${dir}[${i}].${peers}[${j}]`)),
      );
    });
  }
  const types = arr(spec['policyTypes']);
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') {
      errs.push({
        type: 'FieldValueNotSupported',
        field: `spec.policyTypes[${i}]`,
        value: String(t),
        detail: 'supported values: "Egress", "Ingress"',
      });
    }
  });
  if (types.length > 2) {
    errs.push({
      type: 'FieldValueInvalid',
      field: 'spec.policyTypes',
      value: `[${types.map(String).join(' ')}]`,
      detail: 'may not specify more than two policyTypes',
    });
  }
  return errs;
}
