import type { EvictionAnswer, KubeObject, KubeWorld } from '../contracts.js';
import { aggregateClusterRoles } from './aggregation.js';
import { ensureDefaultServiceAccount } from './controllers.js';
import type { KubeContext } from './context.js';
import { R, typeOfObject } from './resources.js';
import {
  type ResourceType,
  clone,
  controllerRef,
  isRecord,
  specOf,
  statusOf,
  text,
} from './types.js';
import { syncUnschedulableTaint } from './node-taint.js';
import { admit, wasAdmitted } from './admission.js';
import { fieldErrorBody } from './status.js';
import { ensureNodeLease } from './node-lease.js';

const WORKLOAD_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'];

const LOAD_ORDER = [
  R.namespaces,
  R.nodes,
  R.clusterroles,
  R.clusterrolebindings,
  R.roles,
  R.rolebindings,
  R.serviceaccounts,
  R.deployments,
  R.statefulsets,
  R.daemonsets,
  R.replicasets,
  R.pods,
  R.pdbs,
  R.networkpolicies,
  R.events,
];

/** uids that objects' controller references give their owners, by `Kind/namespace/name`. */
function referencedOwnerUids(objects: KubeObject[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of objects) {
    const ref = controllerRef(o);
    if (ref && typeof ref['uid'] === 'string') {
      out.set(
        `${text(ref['kind'])}/${o.metadata.namespace ?? 'default'}/${text(ref['name'])}`,
        ref['uid'],
      );
    }
  }
  return out;
}

/** Fills in the status a kubelet would report for a node given without one. */
function nodeDefaults(node: KubeObject, minor: string, nowIso: string): KubeObject {
  const n = clone(node);
  const status = statusOf(n);
  if (!Array.isArray(status['conditions'])) {
    status['conditions'] = [
      {
        type: 'Ready',
        status: 'True',
        lastHeartbeatTime: nowIso,
        lastTransitionTime: nowIso,
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
      },
    ];
  }
  if (!isRecord(status['nodeInfo'])) {
    status['nodeInfo'] = {
      kubeletVersion: `v1.${minor}.4`,
      osImage: 'Ubuntu 22.04.5 LTS',
      containerRuntimeVersion: 'containerd://1.7.27-1',
      operatingSystem: 'linux',
      architecture: 'amd64',
    };
  }
  // A kubelet always reports what the node has; a Standard_D4ds_v5 when the scenario does not say.
  status['capacity'] ??= {
    cpu: '4',
    memory: '16365384Ki',
    pods: '110',
    'ephemeral-storage': '129886128Ki',
  };
  status['allocatable'] ??= {
    cpu: '3860m',
    memory: '12880712Ki',
    pods: '110',
    'ephemeral-storage': '119703055367',
  };
  n['status'] = status;
  return n;
}

function admitOrThrow(t: ResourceType, o: KubeObject): KubeObject {
  const { object, errors } = admit(t, o);
  const e = errors[0];
  if (e)
    throw new Error(`${o.kind} ${o.metadata.name} is invalid: ${e.field}: ${fieldErrorBody(e)}`);
  return object;
}

/** The KubeWorld the AKS half drives: scenario load, node rotation, evictions, all through the store. */
export class World implements KubeWorld {
  constructor(
    private readonly ctx: KubeContext,
    private readonly minor: string,
  ) {}

  /** Loads scenario objects; workloads without explicit pods get them, Ready at once. */
  load(objects: KubeObject[]): void {
    const { store, controllers, disruption } = this.ctx;
    controllers.paused = true;
    disruption.paused = true;
    try {
      const byType = new Map<ResourceType, KubeObject[]>();
      for (const o of objects) {
        const t = typeOfObject(o.apiVersion, o.kind);
        if (!t)
          throw new Error(`${o.apiVersion} ${o.kind} is not served by the simulated API server`);
        const list = byType.get(t) ?? [];
        list.push(o);
        byType.set(t, list);
      }
      for (const o of objects) {
        const ns = o.metadata.namespace;
        const t = typeOfObject(o.apiVersion, o.kind);
        if (t?.namespaced && ns && !store.get(R.namespaces, undefined, ns)) {
          store.create(R.namespaces, {
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } },
            spec: { finalizers: ['kubernetes'] },
            status: { phase: 'Active' },
          });
        }
      }
      const ownerUids = referencedOwnerUids(objects);
      // Then every other served type the scenario has (Jobs, CronJobs, Secrets, ...), as given.
      const rest = [...byType.keys()].filter((t) => !LOAD_ORDER.includes(t));
      for (const t of [...LOAD_ORDER, ...rest]) {
        for (const raw of byType.get(t) ?? []) {
          let o = clone(raw);
          if (t.namespaced) o.metadata.namespace ??= 'default';
          // The same defaulting and validation as a create: the scenario loader has done it (and
          // named file and line for anything refused); objects built in code get it here.
          if (!wasAdmitted(raw)) o = admitOrThrow(t, o);
          // Exported YAML may drop a workload's uid while its pods still name it: keep them linked.
          const key = `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
          if (!o.metadata.uid && ownerUids.has(key)) o.metadata.uid = ownerUids.get(key)!;
          if (t === R.nodes)
            o = this.ctx.pods.ipam.assign(
              syncUnschedulableTaint(
                nodeDefaults(o, this.minor, this.ctx.clock.iso()),
                this.ctx.clock.iso(),
              ),
            );
          if (t === R.pods) o = this.ctx.pods.prepare(o, true);
          this.upsert(t, o);
        }
      }
      this.adoptMissingReplicaSets();
      aggregateClusterRoles(store);
      for (const ns of store.list(R.namespaces))
        ensureDefaultServiceAccount(store, ns.metadata.name);
      for (const node of store.list(R.nodes)) ensureNodeLease(store, node, this.ctx.clock.now());
      controllers.reconcileNow(objects.filter((o) => WORKLOAD_KINDS.includes(o.kind)));
    } finally {
      controllers.paused = false;
      disruption.paused = false;
    }
    disruption.syncAll();
  }

  /** Pods may name a ReplicaSet the scenario left out: recreate it under its Deployment. */
  private adoptMissingReplicaSets(): void {
    const { store } = this.ctx;
    for (const pod of store.list(R.pods)) {
      const ref = controllerRef(pod);
      if (ref?.['kind'] !== 'ReplicaSet') continue;
      const ns = pod.metadata.namespace;
      const rsName = String(ref['name']);
      if (store.get(R.replicasets, ns, rsName)) continue;
      const deployName = rsName.replace(/-[^-]+$/, '');
      const d = store.get(R.deployments, ns, deployName);
      if (!d) continue;
      const template = clone(specOf(d)['template']) as Record<string, unknown> | undefined;
      store.create(R.replicasets, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: rsName,
          namespace: ns ?? 'default',
          uid: String(ref['uid']),
          labels: { ...(pod.metadata.labels ?? {}) },
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: deployName,
              uid: d.metadata.uid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: { replicas: specOf(d)['replicas'] ?? 1, selector: specOf(d)['selector'], template },
      });
    }
  }

  private upsert(t: ResourceType, o: KubeObject): KubeObject {
    const old = this.ctx.store.get(t, o.metadata.namespace, o.metadata.name);
    return old ? this.ctx.store.update(t, o) : this.ctx.store.create(t, o);
  }

  putNode(node: KubeObject): void {
    const iso = this.ctx.clock.iso();
    this.upsert(
      R.nodes,
      this.ctx.pods.ipam.assign(
        syncUnschedulableTaint(
          nodeDefaults({ ...node, apiVersion: 'v1', kind: 'Node' }, this.minor, iso),
          iso,
        ),
      ),
    );
  }

  deleteNode(name: string): void {
    if (!this.ctx.store.remove(R.nodes, undefined, name)) return;
    this.ctx.pods.dropPodsOnNode(name);
    this.ctx.pods.ipam.release(name);
  }

  getNode(name: string): KubeObject | undefined {
    const n = this.ctx.store.get(R.nodes, undefined, name);
    return n ? clone(n) : undefined;
  }

  listNodes(): KubeObject[] {
    return this.ctx.store.list(R.nodes).map(clone);
  }

  setUnschedulable(name: string, unschedulable: boolean): void {
    const n = this.ctx.store.get(R.nodes, undefined, name);
    if (!n) return;
    const spec = { ...specOf(n) };
    if (unschedulable) spec['unschedulable'] = true;
    else delete spec['unschedulable'];
    this.ctx.store.update(R.nodes, syncUnschedulableTaint({ ...n, spec }, this.ctx.clock.iso()));
  }

  setNodeLabels(name: string, labels: Record<string, string | null>): void {
    const n = this.ctx.store.get(R.nodes, undefined, name);
    if (!n) return;
    const next = { ...(n.metadata.labels ?? {}) };
    for (const [k, v] of Object.entries(labels)) {
      if (v === null) delete next[k];
      else next[k] = v;
    }
    this.ctx.store.update(R.nodes, { ...n, metadata: { ...n.metadata, labels: next } });
  }

  podsOnNode(name: string): KubeObject[] {
    return this.ctx.store.podsOnNode(name).map(clone);
  }

  deprecatedWritesSince(since: number) {
    return this.ctx.deprecated.writesSince(since);
  }

  deletePod(namespace: string, name: string): void {
    this.ctx.pods.delete(namespace, name);
  }

  evict(namespace: string, name: string): EvictionAnswer {
    const { response, pdb } = this.ctx.evictor.evict(namespace, name, { dryRun: false });
    const body = isRecord(response.body) ? response.body : {};
    const answer: EvictionAnswer = {
      code: response.status,
      message: text(body['message'], ''),
    };
    if (pdb) answer.pdb = pdb;
    return answer;
  }
}
