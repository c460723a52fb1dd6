import type { KubeObject } from '../contracts.js';
import { qosClassOf } from './quantity.js';
import { freezeDeep, isRecord, pathGet, specOf, statusOf, text } from './types.js';

/** Whether a pod has condition Ready=True (IsPodReady). */
export function isPodReady(pod: KubeObject): boolean {
  const conds = statusOf(pod)['conditions'];
  return (
    Array.isArray(conds) &&
    conds.some((c) => isRecord(c) && c['type'] === 'Ready' && c['status'] === 'True')
  );
}

/** The pod's phase, `Pending` when unset. */
export function podPhase(pod: KubeObject): string {
  const p = statusOf(pod)['phase'];
  return typeof p === 'string' ? p : 'Pending';
}

/** Whether the pod is Succeeded or Failed. */
export function isTerminal(pod: KubeObject): boolean {
  const p = podPhase(pod);
  return p === 'Succeeded' || p === 'Failed';
}

/** The node a pod is bound to, if any. */
export function nodeNameOf(pod: KubeObject): string | undefined {
  const n = specOf(pod)['nodeName'];
  return typeof n === 'string' && n ? n : undefined;
}

function containerNames(pod: KubeObject): Array<{ name: string; image: string }> {
  const cs = specOf(pod)['containers'];
  if (!Array.isArray(cs)) return [];
  return cs
    .filter(isRecord)
    .map((c) => ({ name: text(c['name'], 'app'), image: text(c['image'], '') }));
}

/** Status of a pod bound to a node and running, ready or not yet. */
export function runningStatus(
  pod: KubeObject,
  ready: boolean,
  now: string,
  hostIP: string,
  podIP: string,
): Record<string, unknown> {
  const started = text(pathGet(pod, ['status', 'startTime']), now);
  return {
    phase: 'Running',
    conditions: runningConditions(ready, started, now),
    hostIP,
    hostIPs: [{ ip: hostIP }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: started,
    qosClass: qosClassOf(pod),
    containerStatuses: runningContainers(pod, ready, started),
  };
}

/**
 * Parts of running statuses that pods started together share (frozen, as the store's objects are
 * never changed in place): a scenario load starts thousands of pods of one template in a second.
 */
let lastConditions = { key: '', value: [] as readonly unknown[] };
const lastContainers = new WeakMap<object, { key: string; value: readonly unknown[] }>();

function runningConditions(ready: boolean, started: string, now: string): readonly unknown[] {
  const key = `${String(ready)} ${started} ${now}`;
  if (lastConditions.key === key) return lastConditions.value;
  const r = ready ? 'True' : 'False';
  const value = freezeDeep([
    {
      type: 'PodReadyToStartContainers',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: started,
    },
    { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: started },
    { type: 'Ready', status: r, lastProbeTime: null, lastTransitionTime: now },
    { type: 'ContainersReady', status: r, lastProbeTime: null, lastTransitionTime: now },
    { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: started },
  ]);
  lastConditions = { key, value };
  return value;
}

function runningContainers(pod: KubeObject, ready: boolean, started: string): readonly unknown[] {
  const containers = specOf(pod)['containers'];
  const shared = Array.isArray(containers) && Object.isFrozen(containers);
  const uid = pod.metadata.uid ?? '';
  const key = `${String(ready)} ${started} ${uid}`;
  const known = shared ? lastContainers.get(containers as object) : undefined;
  if (known?.key === key) return known.value;
  const value = containerNames(pod).map((c) => ({
    name: c.name,
    image: c.image,
    imageID: '',
    containerID: `containerd://${Buffer.from(`${uid}${c.name}`).toString('hex').slice(0, 64)}`,
    ready,
    started: true,
    restartCount: 0,
    state: { running: { startedAt: started } },
  }));
  if (shared) lastContainers.set(containers as object, { key, value: freezeDeep(value) });
  return value;
}

/** Status of a pod no node can take. */
export function unschedulableStatus(
  pod: KubeObject,
  now: string,
  message: string,
): Record<string, unknown> {
  return {
    phase: 'Pending',
    conditions: [
      {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: now,
        reason: 'Unschedulable',
        message,
      },
    ],
    qosClass: qosClassOf(pod),
  };
}

/** Status of a pod whose only run has ended: Succeeded on exit 0, Failed otherwise. */
export function terminatedStatus(
  pod: KubeObject,
  exitCode: number,
  startedAt: string,
  finishedAt: string,
): Record<string, unknown> {
  const running = statusOf(pod);
  const reason = exitCode === 0 ? 'Completed' : 'Error';
  return {
    ...running,
    phase: exitCode === 0 ? 'Succeeded' : 'Failed',
    conditions: [
      {
        type: 'Ready',
        status: 'False',
        reason: 'PodCompleted',
        lastProbeTime: null,
        lastTransitionTime: finishedAt,
      },
      {
        type: 'ContainersReady',
        status: 'False',
        reason: 'PodCompleted',
        lastProbeTime: null,
        lastTransitionTime: finishedAt,
      },
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: startedAt },
    ],
    containerStatuses: containerNames(pod).map((c) => ({
      name: c.name,
      image: c.image,
      imageID: '',
      ready: false,
      started: false,
      restartCount: 0,
      state: { terminated: { exitCode, reason, startedAt, finishedAt } },
    })),
  };
}
