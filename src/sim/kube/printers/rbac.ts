// Printers of roles, bindings, NetworkPolicies and Leases.
import type { KubeObject } from '../../contracts.js';
import { arr, isRecord, specOf, text } from '../types.js';
import { AGE, selectorText, type Printer } from './types.js';

const role: Printer = {
  columns: [['Created At', 'string', 'When the role was created.']],
  cells: (o) => [text(o.metadata.creationTimestamp)],
};

function subjects(o: KubeObject, kind: string): string {
  return arr(o['subjects'])
    .filter((s) => isRecord(s) && s['kind'] === kind)
    .map((s) => {
      const r = s as Record<string, unknown>;
      return kind === 'ServiceAccount'
        ? `${text(r['namespace'])}/${text(r['name'])}`
        : text(r['name']);
    })
    .join(', ');
}

const binding: Printer = {
  columns: [
    ['Role', 'string', 'The role the binding grants.'],
    AGE,
    ['Users', 'string', 'The users the binding applies to.', 1],
    ['Groups', 'string', 'The groups the binding applies to.', 1],
    ['ServiceAccounts', 'string', 'The service accounts the binding applies to.', 1],
  ],
  cells: (o, c) => {
    const ref = isRecord(o['roleRef']) ? o['roleRef'] : {};
    return [
      `${text(ref['kind'])}/${text(ref['name'])}`,
      c.age,
      subjects(o, 'User'),
      subjects(o, 'Group'),
      subjects(o, 'ServiceAccount'),
    ];
  },
};

const networkPolicy: Printer = {
  columns: [
    ['Pod-Selector', 'string', 'Selects the pods to which this NetworkPolicy applies.'],
    AGE,
  ],
  cells: (o, c) => {
    const sel = selectorText(specOf(o)['podSelector']);
    return [sel === '<none>' ? '<none>' : sel, c.age];
  },
};

const lease: Printer = {
  columns: [['Holder', 'string', 'The holder of the lease.'], AGE],
  cells: (o, c) => [text(specOf(o)['holderIdentity']), c.age],
};

/** Printers of Role, ClusterRole, RoleBinding, ClusterRoleBinding, NetworkPolicy and Lease. */
export const RBAC_PRINTERS: Record<string, Printer> = {
  Lease: lease,
  Role: role,
  ClusterRole: role,
  RoleBinding: binding,
  ClusterRoleBinding: binding,
  NetworkPolicy: networkPolicy,
};
