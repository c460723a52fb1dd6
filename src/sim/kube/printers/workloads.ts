// Printers of the workload kinds and PodDisruptionBudgets.
import type { KubeObject } from '../../contracts.js';
import { humanDuration } from '../duration.js';
import { arr, isRecord, pathGet, specOf, statusOf, text } from '../types.js';
import {
  AGE,
  CONTAINER_COLUMNS,
  SELECTOR_COLUMN,
  containerCells,
  mapText,
  n,
  replicas,
  selectorText,
  type Printer,
} from './types.js';

const deployment: Printer = {
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
    ...CONTAINER_COLUMNS,
    SELECTOR_COLUMN,
  ],
  cells: (o, c) => {
    const st = statusOf(o);
    return [
      `${n(st['readyReplicas'])}/${replicas(o)}`,
      n(st['updatedReplicas']),
      n(st['availableReplicas']),
      c.age,
      ...containerCells(o),
      selectorText(specOf(o)['selector']),
    ];
  },
};

const replicaSet: Printer = {
  columns: [
    ['Desired', 'integer', 'Number of desired pods.'],
    ['Current', 'integer', 'Number of actual replicas.'],
    ['Ready', 'integer', 'The number of ready replicas for this replica set.'],
    AGE,
    ...CONTAINER_COLUMNS,
    SELECTOR_COLUMN,
  ],
  cells: (o, c) => [
    replicas(o),
    n(statusOf(o)['replicas']),
    n(statusOf(o)['readyReplicas']),
    c.age,
    ...containerCells(o),
    selectorText(specOf(o)['selector']),
  ],
};

const statefulSet: Printer = {
  columns: [['Ready', 'string', 'Number of the pod with ready state'], AGE, ...CONTAINER_COLUMNS],
  cells: (o, c) => [
    `${n(statusOf(o)['readyReplicas'])}/${replicas(o)}`,
    c.age,
    ...containerCells(o),
  ],
};

const daemonSet: Printer = {
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
    [
      'Node Selector',
      'string',
      'NodeSelector is a selector which must be true for the pod to fit on a node.',
    ],
    AGE,
    ...CONTAINER_COLUMNS,
    SELECTOR_COLUMN,
  ],
  cells: (o, c) => {
    const st = statusOf(o);
    return [
      n(st['desiredNumberScheduled']),
      n(st['currentNumberScheduled']),
      n(st['numberReady']),
      n(st['updatedNumberScheduled']),
      n(st['numberAvailable']),
      mapText(pathGet(o, ['spec', 'template', 'spec', 'nodeSelector'])),
      c.age,
      ...containerCells(o),
      selectorText(specOf(o)['selector']),
    ];
  },
};

function condition(o: KubeObject, type: string): boolean {
  return arr(statusOf(o)['conditions']).some(
    (x) => isRecord(x) && x['type'] === type && x['status'] === 'True',
  );
}

function jobStatus(o: KubeObject): string {
  if (condition(o, 'Complete')) return 'Complete';
  if (condition(o, 'Failed')) return 'Failed';
  if (condition(o, 'FailureTarget')) return 'FailureTarget';
  if (condition(o, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  if (specOf(o)['suspend'] === true) return 'Suspended';
  return 'Running';
}

const job: Printer = {
  columns: [
    ['Status', 'string', 'Status of the job.'],
    ['Completions', 'string', 'The completion status of the job.'],
    ['Duration', 'string', 'Time required to complete the job.'],
    AGE,
    ...CONTAINER_COLUMNS,
    SELECTOR_COLUMN,
  ],
  cells: (o, c) => {
    const st = statusOf(o);
    const completions = specOf(o)['completions'];
    const start = Date.parse(text(st['startTime']));
    const end = Date.parse(text(st['completionTime']));
    const duration = Number.isNaN(start)
      ? ''
      : humanDuration((Number.isNaN(end) ? c.now : end) - start);
    return [
      jobStatus(o),
      `${n(st['succeeded'])}/${typeof completions === 'number' ? completions : 1}`,
      duration,
      c.age,
      ...containerCells(o),
      selectorText(specOf(o)['selector']),
    ];
  },
};

const cronJob: Printer = {
  columns: [
    ['Schedule', 'string', 'The schedule in Cron format.'],
    ['Timezone', 'string', 'The time zone of the schedule.'],
    ['Suspend', 'boolean', 'Whether later executions are suspended.'],
    ['Active', 'integer', 'The number of running jobs.'],
    ['Last Schedule', 'string', 'When the job was last scheduled.'],
    AGE,
    ...CONTAINER_COLUMNS,
    SELECTOR_COLUMN,
  ],
  cells: (o, c) => {
    const last = Date.parse(text(statusOf(o)['lastScheduleTime']));
    const path = ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers'];
    return [
      text(specOf(o)['schedule']),
      text(specOf(o)['timeZone'], '<none>'),
      specOf(o)['suspend'] === true ? 'True' : 'False',
      arr(statusOf(o)['active']).length,
      Number.isNaN(last) ? '<none>' : humanDuration(c.now - last),
      c.age,
      ...containerCells(o, path),
      selectorText(pathGet(o, ['spec', 'jobTemplate', 'spec', 'selector'])),
    ];
  },
};

const pdb: Printer = {
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
  cells: (o, c) => [
    text(specOf(o)['minAvailable'], 'N/A'),
    text(specOf(o)['maxUnavailable'], 'N/A'),
    n(statusOf(o)['disruptionsAllowed']),
    c.age,
  ],
};

/** Printers of the workloads (Deployment to CronJob) and of PodDisruptionBudget. */
export const WORKLOAD_PRINTERS: Record<string, Printer> = {
  Deployment: deployment,
  ReplicaSet: replicaSet,
  StatefulSet: statefulSet,
  DaemonSet: daemonSet,
  Job: job,
  CronJob: cronJob,
  PodDisruptionBudget: pdb,
};
