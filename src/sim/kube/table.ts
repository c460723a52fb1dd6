import type { KubeObject } from '../contracts.js';
import type { SimRequest } from '../http.js';
import { isPodReady } from './pod-status.js';
import { isRecord, pathGet, specOf, statusOf, text, arr } from './types.js';

/** Whether the client asked for a server-side Table (`kubectl get`). */
export function wantsTable(req: SimRequest): boolean {
  return /as=Table/.test(text(req.headers.accept, ''));
}

/** Age as kubectl prints it (apimachinery's duration.HumanDuration). */
export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 0) return '0s';
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (h < 24 * 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (d < 365 * 2) return `${d}d`;
  const y = Math.floor(d / 365);
  return y < 8 ? `${y}y${d % 365}d` : `${y}y`;
}

type Column = [name: string, type: string, description: string, priority?: number];

const COLUMNS: Record<string, Column[]> = {
  Node: [
    ['Name', 'string', 'Name must be unique within a namespace.'],
    ['Status', 'string', 'The status of the node'],
    ['Roles', 'string', 'The roles of the node'],
    [
      'Age',
      'string',
      'CreationTimestamp is a timestamp representing the server time when this object was created.',
    ],
    ['Version', 'string', 'Kubelet Version reported by the node.'],
    [
      'Internal-IP',
      'string',
      'List of addresses reachable to the node. Queried from cloud provider, if available.',
      1,
    ],
    [
      'OS-Image',
      'string',
      'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
      1,
    ],
  ],
  Pod: [
    ['Name', 'string', 'Name must be unique within a namespace.'],
    ['Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'],
    ['Status', 'string', 'The aggregate status of the containers in this pod.'],
    [
      'Restarts',
      'string',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ],
    [
      'Age',
      'string',
      'CreationTimestamp is a timestamp representing the server time when this object was created.',
    ],
    ['IP', 'string', 'podIP is the IP address allocated to the pod.', 1],
    ['Node', 'string', 'nodeName is the node the pod is scheduled on.', 1],
  ],
  '': [
    ['Name', 'string', 'Name must be unique within a namespace.'],
    [
      'Age',
      'string',
      'CreationTimestamp is a timestamp representing the server time when this object was created.',
    ],
  ],
};

function nodeCells(n: KubeObject): unknown[] {
  const conds = statusOf(n)['conditions'];
  const ready = arr(conds).find((c) => isRecord(c) && c['type'] === 'Ready');
  let status = isRecord(ready) ? (ready['status'] === 'True' ? 'Ready' : 'NotReady') : 'Unknown';
  if (specOf(n)['unschedulable'] === true) status += ',SchedulingDisabled';
  const roles = Object.keys(n.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length));
  const role = n.metadata.labels?.['kubernetes.io/role'];
  if (role) roles.push(role);
  const addrs = statusOf(n)['addresses'];
  const ip = arr(addrs).find((a) => isRecord(a) && a['type'] === 'InternalIP');
  return [
    status,
    roles.length ? roles.sort().join(',') : '<none>',
    '',
    text(pathGet(n, ['status', 'nodeInfo', 'kubeletVersion']), ''),
    isRecord(ip) ? String(ip['address']) : '<none>',
    text(pathGet(n, ['status', 'nodeInfo', 'osImage']), '<unknown>'),
  ];
}

function podCells(p: KubeObject): unknown[] {
  const cs = statusOf(p)['containerStatuses'];
  const containers = Array.isArray(specOf(p)['containers'])
    ? (specOf(p)['containers'] as unknown[]).length
    : 0;
  const readyCount = Array.isArray(cs)
    ? cs.filter((c) => isRecord(c) && c['ready'] === true).length
    : 0;
  let status = text(statusOf(p)['phase'], 'Pending');
  if (p.metadata.deletionTimestamp) status = 'Terminating';
  else if (status === 'Running' && !isPodReady(p) && readyCount === 0 && !Array.isArray(cs))
    status = 'ContainerCreating';
  return [
    `${readyCount}/${containers}`,
    status,
    '0',
    '',
    text(statusOf(p)['podIP'], '<none>'),
    text(specOf(p)['nodeName'], '<none>'),
  ];
}

/** A meta.k8s.io/v1 Table of objects, with PartialObjectMetadata rows (what kubectl get renders). */
export function toTable(
  kind: string,
  items: KubeObject[],
  now: number,
  listMeta: Record<string, unknown>,
): Record<string, unknown> {
  const cols = COLUMNS[kind] ?? COLUMNS['']!;
  const rows = items.map((o) => {
    const age = humanDuration(
      now - Date.parse(o.metadata.creationTimestamp ?? new Date(now).toISOString()),
    );
    const rest = kind === 'Node' ? nodeCells(o) : kind === 'Pod' ? podCells(o) : [];
    const cells = [o.metadata.name, ...rest];
    const ageIndex = cols.findIndex((c) => c[0] === 'Age');
    if (kind === '' || !COLUMNS[kind]) cells.push(age);
    else cells[ageIndex] = age;
    return {
      cells,
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    };
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: cols.map(([name, type, description, priority]) => ({
      name,
      type,
      format: name === 'Name' ? 'name' : '',
      description,
      priority: priority ?? 0,
    })),
    rows,
  };
}
