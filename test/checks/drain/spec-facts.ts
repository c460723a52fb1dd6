import type { DrainNode, DrainPdb, DrainPod } from '../../../src/model/drain.js';

/** A running, ready pod of the `web` ReplicaSet in `shop`, changed by `over`. */
export const webPod = (name: string, over: Partial<DrainPod> = {}): DrainPod => ({
  namespace: 'shop',
  name,
  uid: name,
  phase: 'Running',
  labels: { app: 'web' },
  controller: { kind: 'ReplicaSet', name: 'web-rs' },
  mirror: false,
  emptyDir: false,
  terminating: false,
  ready: true,
  ...over,
});

/** A budget over `app=web` in `shop` that allows no disruption now, changed by `over`. */
export const webBudget = (name: string, over: Partial<DrainPdb> = {}): DrainPdb => ({
  namespace: 'shop',
  name,
  selector: { matchLabels: { app: 'web' } },
  disruptionsAllowed: 0,
  currentHealthy: 2,
  desiredHealthy: 2,
  ...over,
});

/** A ready, schedulable node of the `apps` pool holding one pod, changed by `over`. */
export const appsNode = (name: string, over: Partial<DrainNode> = {}): DrainNode => ({
  name,
  pool: 'apps',
  ready: true,
  schedulable: true,
  conditions: [],
  rebootNeeded: false,
  kuredLock: false,
  podCount: 1,
  ...over,
});
