import type { KubeObject } from '../contracts.js';
import type { SimRequest } from '../http.js';
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

const AGE_DOC =
  'CreationTimestamp is a timestamp representing the server time when this object was created.';
const NAME: Column = ['Name', 'string', 'Name must be unique within a namespace.'];
const AGE: Column = ['Age', 'string', AGE_DOC];

/** A printer: columns after Name, and the cells for them (`age` already formatted). */
interface Printer {
  columns: Column[];
  cells(o: KubeObject, age: string): unknown[];
}

function n(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

function nodeCells(node: KubeObject, age: string): unknown[] {
  const ready = arr(statusOf(node)['conditions']).find((c) => isRecord(c) && c['type'] === 'Ready');
  let status = isRecord(ready) ? (ready['status'] === 'True' ? 'Ready' : 'NotReady') : 'Unknown';
  if (specOf(node)['unschedulable'] === true) status += ',SchedulingDisabled';
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length));
  const role = node.metadata.labels?.['kubernetes.io/role'];
  if (role) roles.push(role);
  const ip = arr(statusOf(node)['addresses']).find(
    (a) => isRecord(a) && a['type'] === 'InternalIP',
  );
  return [
    status,
    roles.length ? [...new Set(roles)].sort().join(',') : '<none>',
    age,
    text(pathGet(node, ['status', 'nodeInfo', 'kubeletVersion'])),
    isRecord(ip) ? text(ip['address']) : '<none>',
    text(pathGet(node, ['status', 'nodeInfo', 'osImage']), '<unknown>'),
  ];
}

function podCells(p: KubeObject, age: string): unknown[] {
  const cs = arr(statusOf(p)['containerStatuses']);
  const containers = arr(specOf(p)['containers']).length;
  const readyCount = cs.filter((c) => isRecord(c) && c['ready'] === true).length;
  let status = text(statusOf(p)['phase'], 'Pending');
  if (p.metadata.deletionTimestamp) status = 'Terminating';
  return [
    `${readyCount}/${containers}`,
    status,
    '0',
    age,
    text(statusOf(p)['podIP'], '<none>'),
    text(specOf(p)['nodeName'], '<none>'),
  ];
}

const PRINTERS: Record<string, Printer> = {
  Node: {
    columns: [
      ['Status', 'string', 'The status of the node'],
      ['Roles', 'string', 'The roles of the node'],
      AGE,
      ['Version', 'string', 'Kubelet Version reported by the node.'],
      ['Internal-IP', 'string', 'List of addresses reachable to the node.', 1],
      ['OS-Image', 'string', 'OS Image reported by the node from /etc/os-release.', 1],
    ],
    cells: nodeCells,
  },
  Pod: {
    columns: [
      ['Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'],
      ['Status', 'string', 'The aggregate status of the containers in this pod.'],
      ['Restarts', 'string', 'The number of times the containers in this pod have been restarted.'],
      AGE,
      ['IP', 'string', 'podIP is the IP address allocated to the pod.', 1],
      ['Node', 'string', 'nodeName is the node the pod is scheduled on.', 1],
    ],
    cells: podCells,
  },
  Namespace: {
    columns: [['Status', 'string', 'The status of the namespace'], AGE],
    cells: (o, age) => [text(statusOf(o)['phase'], 'Active'), age],
  },
  Deployment: {
    columns: [
      ['Ready', 'string', 'Number of the pod with ready state'],
      [
        'Up-to-date',
        'integer',
        'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
      ],
      [
        'Available',
        'integer',
        'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
      ],
      AGE,
    ],
    cells: (o, age) => {
      const st = statusOf(o);
      const want = typeof specOf(o)['replicas'] === 'number' ? specOf(o)['replicas'] : 1;
      return [
        `${n(st['readyReplicas'])}/${n(want)}`,
        n(st['updatedReplicas']),
        n(st['availableReplicas']),
        age,
      ];
    },
  },
  ReplicaSet: {
    columns: [
      ['Desired', 'integer', 'Number of desired pods.'],
      ['Current', 'integer', 'Number of actual replicas.'],
      ['Ready', 'integer', 'The number of ready replicas for this replica set.'],
      AGE,
    ],
    cells: (o, age) => [
      n(specOf(o)['replicas'] ?? 1),
      n(statusOf(o)['replicas']),
      n(statusOf(o)['readyReplicas']),
      age,
    ],
  },
  StatefulSet: {
    columns: [['Ready', 'string', 'Number of the pod with ready state'], AGE],
    cells: (o, age) => [`${n(statusOf(o)['readyReplicas'])}/${n(specOf(o)['replicas'] ?? 1)}`, age],
  },
  DaemonSet: {
    columns: [
      ['Desired', 'integer', 'The number of nodes that should be running the daemon pod.'],
      ['Current', 'integer', 'The number of nodes running at least one daemon pod.'],
      [
        'Ready',
        'integer',
        'The number of nodes that should be running the daemon pod and have one or more running and ready.',
      ],
      ['Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod.'],
      [
        'Available',
        'integer',
        'The number of nodes that should be running the daemon pod and have one or more available.',
      ],
      AGE,
    ],
    cells: (o, age) => {
      const st = statusOf(o);
      return [
        n(st['desiredNumberScheduled']),
        n(st['currentNumberScheduled']),
        n(st['numberReady']),
        n(st['updatedNumberScheduled']),
        n(st['numberAvailable']),
        age,
      ];
    },
  },
  PodDisruptionBudget: {
    columns: [
      ['Min Available', 'string', 'The minimum number of pods that must be available.'],
      ['Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'],
      [
        'Allowed Disruptions',
        'integer',
        'Calculated number of pods that may be disrupted at this time.',
      ],
      AGE,
    ],
    cells: (o, age) => [
      text(specOf(o)['minAvailable'], 'N/A'),
      text(specOf(o)['maxUnavailable'], 'N/A'),
      n(statusOf(o)['disruptionsAllowed']),
      age,
    ],
  },
};

const DEFAULT_PRINTER: Printer = { columns: [AGE], cells: (_o, age) => [age] };

/** A meta.k8s.io/v1 Table of objects, with PartialObjectMetadata rows (what kubectl get renders). */
export function toTable(
  kind: string,
  items: KubeObject[],
  now: number,
  listMeta: Record<string, unknown>,
): Record<string, unknown> {
  const printer = PRINTERS[kind] ?? DEFAULT_PRINTER;
  const rows = items.map((o) => {
    const created = Date.parse(o.metadata.creationTimestamp ?? '');
    const age = humanDuration(Number.isNaN(created) ? 0 : now - created);
    return {
      cells: [o.metadata.name, ...printer.cells(o, age)],
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    };
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: [NAME, ...printer.columns].map(([name, type, description, priority]) => ({
      name,
      type,
      format: name === 'Name' ? 'name' : '',
      description,
      priority: priority ?? 0,
    })),
    rows,
  };
}
