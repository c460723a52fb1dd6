// Printers of the core kinds: nodes, pods, namespaces, service accounts, events.
import type { KubeObject } from '../../contracts.js';
import { humanDuration } from '../duration.js';
import { arr, isRecord, pathGet, specOf, statusOf, text } from '../types.js';
import { AGE, n, type Printer } from './types.js';

function address(node: KubeObject, type: string): string {
  const a = arr(statusOf(node)['addresses']).find((x) => isRecord(x) && x['type'] === type);
  return isRecord(a) ? text(a['address'], '<none>') : '<none>';
}

const info = (node: KubeObject, k: string): string =>
  text(pathGet(node, ['status', 'nodeInfo', k]), '<unknown>');

const node: Printer = {
  columns: [
    ['Status', 'string', 'The status of the node'],
    ['Roles', 'string', 'The roles of the node'],
    AGE,
    ['Version', 'string', 'Kubelet Version reported by the node.'],
    ['Internal-IP', 'string', 'List of addresses reachable to the node.', 1],
    ['External-IP', 'string', 'List of addresses reachable to the node.', 1],
    ['OS-Image', 'string', 'OS Image reported by the node from /etc/os-release.', 1],
    ['Kernel-Version', 'string', 'Kernel Version reported by the node.', 1],
    ['Container-Runtime', 'string', 'Container Runtime Version reported by the node.', 1],
  ],
  cells: (o, c) => {
    const ready = arr(statusOf(o)['conditions']).find((x) => isRecord(x) && x['type'] === 'Ready');
    let status = isRecord(ready) ? (ready['status'] === 'True' ? 'Ready' : 'NotReady') : 'Unknown';
    if (specOf(o)['unschedulable'] === true) status += ',SchedulingDisabled';
    const roles = Object.keys(o.metadata.labels ?? {})
      .filter((k) => k.startsWith('node-role.kubernetes.io/'))
      .map((k) => k.slice('node-role.kubernetes.io/'.length));
    const role = o.metadata.labels?.['kubernetes.io/role'];
    if (role) roles.push(role);
    return [
      status,
      roles.length ? [...new Set(roles)].sort().join(',') : '<none>',
      c.age,
      info(o, 'kubeletVersion'),
      address(o, 'InternalIP'),
      address(o, 'ExternalIP'),
      info(o, 'osImage'),
      info(o, 'kernelVersion'),
      info(o, 'containerRuntimeVersion'),
    ];
  },
};

/** The Status column of a pod: a container's waiting or terminated reason wins over the phase. */
function podStatus(p: KubeObject): string {
  if (p.metadata.deletionTimestamp) return 'Terminating';
  let status = text(statusOf(p)['reason'], text(statusOf(p)['phase'], 'Pending'));
  for (const cs of arr(statusOf(p)['containerStatuses'])) {
    const state = isRecord(cs) && isRecord(cs['state']) ? cs['state'] : {};
    const waiting = isRecord(state['waiting']) ? text(state['waiting']['reason']) : '';
    const done = isRecord(state['terminated']) ? text(state['terminated']['reason']) : '';
    if (waiting || done) status = waiting || done;
  }
  return status;
}

const pod: Printer = {
  columns: [
    ['Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'],
    ['Status', 'string', 'The aggregate status of the containers in this pod.'],
    [
      'Restarts',
      'string',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ],
    AGE,
    ['IP', 'string', 'The IP address assigned to the pod.', 1],
    ['Node', 'string', 'The name of the node the pod is scheduled on.', 1],
    ['Nominated Node', 'string', 'The node the scheduler nominated for this pod, if any.', 1],
    ['Readiness Gates', 'string', 'The readiness gates of this pod.', 1],
  ],
  cells: (p, c) => {
    const statuses = arr(statusOf(p)['containerStatuses']).filter(isRecord);
    const ready = statuses.filter((s) => s['ready'] === true).length;
    const restarts = statuses.reduce((sum, s) => sum + n(s['restartCount']), 0);
    const gates = arr(specOf(p)['readinessGates']).length;
    return [
      `${ready}/${arr(specOf(p)['containers']).length}`,
      podStatus(p),
      String(restarts),
      c.age,
      text(statusOf(p)['podIP'], '<none>'),
      text(specOf(p)['nodeName'], '<none>'),
      text(statusOf(p)['nominatedNodeName'], '<none>'),
      gates ? `0/${gates}` : '<none>',
    ];
  },
};

const namespace: Printer = {
  columns: [['Status', 'string', 'The status of the namespace'], AGE],
  cells: (o, c) => [text(statusOf(o)['phase'], 'Active'), c.age],
};

const serviceAccount: Printer = {
  columns: [['Secrets', 'string', 'Secrets is a list of the secrets in the same namespace.'], AGE],
  cells: (o, c) => [arr(o['secrets']).length, c.age],
};

const since = (t: unknown, now: number): string => {
  const at = Date.parse(text(t));
  return Number.isNaN(at) ? '<unknown>' : humanDuration(now - at);
};

const event: Printer = {
  columns: [
    ['Last Seen', 'string', 'The time of the latest occurrence.'],
    ['Type', 'string', 'The type of the event.'],
    ['Reason', 'string', 'Why the event happened.'],
    ['Object', 'string', 'The object the event is about.'],
    ['Subobject', 'string', 'The part of the object the event is about.', 1],
    ['Source', 'string', 'The component that reported it.', 1],
    ['Message', 'string', 'A human-readable description.'],
    ['First Seen', 'string', 'The time of the first occurrence.', 1],
    ['Count', 'string', 'How many times it occurred.', 1],
    ['Name', 'string', 'The name of the event.', 1],
  ],
  cells: (o, c) => {
    const inv = isRecord(o['involvedObject']) ? o['involvedObject'] : {};
    const source = isRecord(o['source']) ? text(o['source']['component']) : '';
    return [
      since(o['lastTimestamp'] ?? o['eventTime'] ?? o.metadata.creationTimestamp, c.now),
      text(o['type']),
      text(o['reason']),
      `${text(inv['kind']).toLowerCase()}/${text(inv['name'])}`,
      text(inv['fieldPath']),
      source,
      text(o['message']),
      since(o['firstTimestamp'] ?? o.metadata.creationTimestamp, c.now),
      String(n(o['count']) || 1),
      o.metadata.name,
    ];
  },
};

/** Printers of Node, Pod, Namespace, ServiceAccount, Event. */
export const CORE_PRINTERS: Record<string, Printer> = {
  Node: node,
  Pod: pod,
  Namespace: namespace,
  ServiceAccount: serviceAccount,
  Event: event,
};
