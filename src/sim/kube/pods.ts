import { isoSeconds, type SimClock } from '../clock.js';
import type { KubeObject } from '../contracts.js';
import type { ContainerRun } from './connect-probe.js';
import { nodeNameOf, runningStatus, terminatedStatus, unschedulableStatus } from './pod-status.js';
import { applyDefaults } from './defaults.js';
import { NodeIpam } from './node-ipam.js';
import { R } from './resources.js';
import { pickNode } from './scheduler.js';
import type { Store } from './store.js';
import { clone, isRecord, pathGet, specOf, arr } from './types.js';

/** How long things take in the simulated world, in simulated milliseconds. */
export interface Timings {
  /** From a pod landing on a node to Ready. */
  readyMs: number;
  /** From a controller noticing a missing pod to creating its replacement. */
  replaceMs: number;
}

const DEFAULT_GRACE_SECONDS = 30;

/** Pod lifecycle: defaults, binding to nodes, readiness, graceful deletion. */
export class PodLifecycle {
  private readonly removals = new Map<string, () => void>();
  /**
   * Runs the containers whose work the simulator models (connect probes) when they start; any
   * other container runs until deleted. Set by createKubeApi.
   */
  runner?: (pod: KubeObject) => ContainerRun | undefined;
  /** What those containers printed, by pod uid (`kubectl logs`). */
  readonly logs = new Map<string, string[]>();

  constructor(
    private readonly store: Store,
    private readonly clock: SimClock,
    readonly timings: Timings,
    /** Each node's pod range (the node IPAM controller), shared with the world. */
    readonly ipam = new NodeIpam(),
  ) {}

  /**
   * Fills in what the API server and kubelet would: defaults (unless `defaulted`: a spec of
   * podSpecFromTemplate, whose frozen parts are kept), node, status.
   */
  prepare(pod: KubeObject, instant: boolean, defaulted = false): KubeObject {
    // Pods a controller makes from its template get the same defaults as pods created through the API.
    const p = defaulted ? { ...pod, spec: { ...specOf(pod) } } : applyDefaults(R.pods, pod);
    const spec = specOf(p);
    p['spec'] = spec;
    if (!Array.isArray(spec['containers'])) spec['containers'] = [];
    if (isRecord(p['status']) && p['status']['phase']) return p;
    this.bind(p, instant);
    return p;
  }

  /** Binds an unbound pod to a node (if any fits) and sets its status. */
  private bind(p: KubeObject, ready: boolean): void {
    const spec = specOf(p);
    let node = nodeNameOf(p);
    if (!node) {
      const pick = pickNode(this.store, p);
      if ('reason' in pick) {
        p['status'] = unschedulableStatus(p, this.clock.iso(), pick.reason);
        return;
      }
      node = pick.node;
      spec['nodeName'] = node;
    }
    const hostIP = this.hostIP(node);
    // A host-network pod has its node's address; the others one of the node's pod range.
    const podIP = specOf(p)['hostNetwork'] === true ? hostIP : this.ipam.podIP(node);
    p['status'] = runningStatus(p, ready, this.clock.iso(), hostIP, podIP);
  }

  /** Creates a pod in the store, and arranges its readiness (or its run) unless `instant`. */
  create(pod: KubeObject, instant = false, defaulted = false): KubeObject {
    const stored = this.store.create(R.pods, this.prepare(pod, instant, defaulted), instant);
    if (!instant) {
      const policy = specOf(stored)['restartPolicy'];
      if ((policy === 'Never' || policy === 'OnFailure') && this.runner) this.scheduleRun(stored);
      else this.scheduleReady(stored);
    }
    return stored;
  }

  /**
   * When the container starts (after the readiness delay) asks the runner what it does; a modelled
   * container then ends after its run with its exit code, others become Ready as usual.
   */
  private scheduleRun(pod: KubeObject): void {
    if (pathGet(pod, ['status', 'phase']) !== 'Running') return;
    const { namespace, name, uid } = pod.metadata;
    this.clock.after(this.timings.readyMs, () => {
      const cur = this.store.get(R.pods, namespace, name);
      if (!cur || cur.metadata.uid !== uid || cur.metadata.deletionTimestamp) return;
      const run = this.runner?.(cur);
      if (!run) {
        this.scheduleReady(cur);
        return;
      }
      const startedAt = this.clock.iso();
      this.clock.after(run.afterMs, () => {
        const now = this.store.get(R.pods, namespace, name);
        if (!now || now.metadata.uid !== uid || now.metadata.deletionTimestamp) return;
        this.logs.set(uid ?? '', run.log);
        const status = terminatedStatus(now, run.exitCode, startedAt, this.clock.iso());
        this.store.update(R.pods, { ...now, status });
      });
    });
  }

  /** Marks a pod Ready after the readiness delay, if it is still the same, running, pod. */
  scheduleReady(pod: KubeObject): void {
    if (pathGet(pod, ['status', 'phase']) !== 'Running') return;
    const { namespace, name, uid } = pod.metadata;
    this.clock.after(this.timings.readyMs, () => {
      const cur = this.store.get(R.pods, namespace, name);
      if (!cur || cur.metadata.uid !== uid || cur.metadata.deletionTimestamp) return;
      const node = nodeNameOf(cur);
      if (!node) return;
      const status = runningStatus(
        cur,
        true,
        this.clock.iso(),
        this.hostIP(node),
        String(pathGet(cur, ['status', 'podIP'])),
      );
      this.store.update(R.pods, { ...cur, status });
    });
  }

  /** Binds every Pending, unbound pod that now fits somewhere (after a node appears or is uncordoned). */
  schedulePending(): void {
    for (const pod of this.store.list(R.pods)) {
      if (nodeNameOf(pod) || pod.metadata.deletionTimestamp) continue;
      const p = clone(pod);
      this.bind(p, false);
      if (!nodeNameOf(p)) continue;
      this.scheduleReady(this.store.update(R.pods, p));
    }
  }

  /**
   * Deletes a pod gracefully: sets deletionTimestamp and removes it after the grace period.
   * Unbound pods and a zero grace period go at once, as the API server does.
   */
  delete(
    namespace: string,
    name: string,
    graceSeconds?: number,
    extraConditions: unknown[] = [],
  ): KubeObject | undefined {
    const pod = this.store.get(R.pods, namespace, name);
    if (!pod) return undefined;
    const podGrace = specOf(pod)['terminationGracePeriodSeconds'];
    const grace = graceSeconds ?? (typeof podGrace === 'number' ? podGrace : DEFAULT_GRACE_SECONDS);
    if (grace <= 0 || !nodeNameOf(pod)) return this.store.remove(R.pods, namespace, name);
    if (pod.metadata.deletionTimestamp) {
      // A second delete may only shorten the grace period; the simulator keeps the first one.
      return pod;
    }
    const status = isRecord(pod['status']) ? clone(pod['status']) : {};
    if (extraConditions.length) {
      status['conditions'] = [...arr(status['conditions']), ...extraConditions];
    }
    const marked = this.store.update(R.pods, {
      ...pod,
      status,
      metadata: {
        ...pod.metadata,
        // When the kubelet may kill it, as the API server says it; at speed N it goes N times sooner.
        deletionTimestamp: isoSeconds(this.clock.now() + grace * 1000),
        deletionGracePeriodSeconds: grace,
      },
    });
    const uid = marked.metadata.uid;
    const cancel = this.clock.after(grace * 1000, () => {
      this.removals.delete(`${namespace}/${name}`);
      const cur = this.store.get(R.pods, namespace, name);
      if (cur && cur.metadata.uid === uid) this.store.remove(R.pods, namespace, name);
    });
    this.removals.set(`${namespace}/${name}`, cancel);
    return marked;
  }

  /** Removes at once every pod bound to a node (the pod garbage collector after a node is gone). */
  dropPodsOnNode(node: string): void {
    for (const pod of this.store.podsOnNode(node)) {
      this.removals.get(`${pod.metadata.namespace}/${pod.metadata.name}`)?.();
      this.store.remove(R.pods, pod.metadata.namespace, pod.metadata.name);
    }
  }

  /** Each node object's InternalIP (a stored node is replaced, never changed, so its answer holds). */
  private readonly hostIPs = new WeakMap<KubeObject, string>();

  private hostIP(node: string): string {
    const n = this.store.get(R.nodes, undefined, node);
    const known = n && this.hostIPs.get(n);
    if (known) return known;
    const addrs = arr(pathGet(n, ['status', 'addresses']));
    const internal = addrs.find((a) => isRecord(a) && a['type'] === 'InternalIP');
    const ip =
      isRecord(internal) && typeof internal['address'] === 'string'
        ? internal['address']
        : '10.224.0.4';
    if (n) this.hostIPs.set(n, ip);
    return ip;
  }
}
