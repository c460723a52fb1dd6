// The defaults the API server fills in on the way into storage (the SetDefaults_* functions of
// k8s.io/api's types, plus what the admission plugins every AKS cluster runs add to pods), applied
// on create, on update and to scenario objects alike.
import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../contracts.js';
import { R } from './resources.js';
import { arr, clone, freezeDeep, isRecord, type ResourceType } from './types.js';

type Obj = Record<string, unknown>;

function child(parent: Obj, key: string): Obj {
  const v = parent[key];
  if (isRecord(v)) return v;
  const made: Obj = {};
  parent[key] = made;
  return made;
}

/** The pull policy a container gets: Always for `:latest` or no tag, else IfNotPresent. */
function pullPolicy(image: unknown): string {
  const ref = typeof image === 'string' ? image : '';
  if (ref.includes('@')) return 'IfNotPresent';
  const last = ref.split('/').pop() ?? '';
  const tag = last.includes(':') ? last.slice(last.lastIndexOf(':') + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(probe: unknown): void {
  if (!isRecord(probe)) return;
  probe['timeoutSeconds'] ??= 1;
  probe['periodSeconds'] ??= 10;
  probe['successThreshold'] ??= 1;
  probe['failureThreshold'] ??= 3;
  if (isRecord(probe['httpGet'])) probe['httpGet']['scheme'] ??= 'HTTP';
}

function defaultContainer(c: unknown): void {
  if (!isRecord(c)) return;
  c['terminationMessagePath'] ??= '/dev/termination-log';
  c['terminationMessagePolicy'] ??= 'File';
  c['imagePullPolicy'] ??= pullPolicy(c['image']);
  c['resources'] ??= {};
  for (const p of arr(c['ports'])) if (isRecord(p)) p['protocol'] ??= 'TCP';
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(c[probe]);
}

/** SetDefaults_PodSpec and its containers and volumes (pods and pod templates alike). */
export function defaultPodSpec(spec: Obj): void {
  spec['dnsPolicy'] ??= 'ClusterFirst';
  spec['restartPolicy'] ??= 'Always';
  spec['terminationGracePeriodSeconds'] ??= 30;
  spec['securityContext'] ??= {};
  spec['schedulerName'] ??= 'default-scheduler';
  for (const key of ['containers', 'initContainers'])
    for (const c of arr(spec[key])) defaultContainer(c);
  for (const v of arr(spec['volumes'])) {
    if (!isRecord(v)) continue;
    for (const source of ['secret', 'configMap', 'projected', 'downwardAPI'])
      if (isRecord(v[source])) v[source]['defaultMode'] ??= 420;
    if (isRecord(v['hostPath'])) v['hostPath']['type'] ??= '';
  }
}

/** What admission adds to a pod (not to templates): service account, priority, toleration seconds. */
function defaultPod(spec: Obj): void {
  defaultPodSpec(spec);
  spec['enableServiceLinks'] ??= true;
  spec['serviceAccountName'] ??= 'default';
  spec['serviceAccount'] ??= spec['serviceAccountName'];
  spec['priority'] ??= 0;
  spec['preemptionPolicy'] ??= 'PreemptLowerPriority';
  const tolerations = arr(spec['tolerations']);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const has = tolerations.some(
      (t) => isRecord(t) && t['key'] === key && (t['effect'] ?? 'NoExecute') === 'NoExecute',
    );
    if (!has)
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  spec['tolerations'] = tolerations;
}

function defaultTemplate(spec: Obj): void {
  defaultPodSpec(child(child(spec, 'template'), 'spec'));
}

function defaultRollingUpdate(spec: Obj, key: string, rolling: Obj): void {
  const strategy = child(spec, key);
  strategy['type'] ??= 'RollingUpdate';
  if (strategy['type'] === 'RollingUpdate') {
    const r = child(strategy, 'rollingUpdate');
    for (const [k, v] of Object.entries(rolling)) r[k] ??= v;
  }
}

/** The Job strategy's selector: the job's own uid, and the labels its pods carry. */
function defaultJob(obj: KubeObject, spec: Obj): void {
  spec['parallelism'] ??= 1;
  spec['completions'] ??= 1;
  spec['backoffLimit'] ??= 6;
  spec['completionMode'] ??= 'NonIndexed';
  spec['suspend'] ??= false;
  spec['podReplacementPolicy'] ??= 'TerminatingOrFailed';
  if (spec['manualSelector'] !== true && spec['selector'] === undefined) {
    obj.metadata.uid ??= randomUUID();
    const uid = obj.metadata.uid;
    spec['selector'] = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
    const meta = child(child(spec, 'template'), 'metadata');
    meta['labels'] = {
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': obj.metadata.name,
      'controller-uid': uid,
      'job-name': obj.metadata.name,
      ...(isRecord(meta['labels']) ? meta['labels'] : {}),
    };
  }
  defaultTemplate(spec);
}

function defaultSubjects(obj: KubeObject): void {
  for (const s of arr(obj['subjects']))
    if (isRecord(s) && (s['kind'] === 'User' || s['kind'] === 'Group'))
      s['apiGroup'] ??= 'rbac.authorization.k8s.io';
  if (isRecord(obj['roleRef'])) obj['roleRef']['apiGroup'] ??= 'rbac.authorization.k8s.io';
}

/** SetDefaults for NetworkPolicy (networking/v1): port protocols TCP, then policyTypes. */
function defaultNetworkPolicy(spec: Obj): void {
  for (const dir of ['ingress', 'egress'])
    for (const rule of arr(spec[dir]))
      if (isRecord(rule))
        for (const port of arr(rule['ports']))
          if (isRecord(port) && port['protocol'] === undefined) port['protocol'] = 'TCP';
  if (arr(spec['policyTypes']).length === 0) {
    // Ingress always; Egress too when the policy has egress rules.
    spec['policyTypes'] = arr(spec['egress']).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
  spec['podSelector'] ??= {};
}

/** The object with the API server's defaults for its type applied (a copy; the input is kept). */
export function applyDefaults(t: ResourceType, input: KubeObject): KubeObject {
  const obj = clone(input);
  const spec = (): Obj => child(obj, 'spec');
  if (t === R.namespaces) {
    // The namespace strategy keeps this label equal to the name, on create and on update.
    obj.metadata.labels = {
      ...obj.metadata.labels,
      'kubernetes.io/metadata.name': obj.metadata.name,
    };
    spec()['finalizers'] ??= ['kubernetes'];
    child(obj, 'status')['phase'] ??= 'Active';
  } else if (t === R.pods) {
    defaultPod(spec());
  } else if (t === R.deployments) {
    const s = spec();
    s['replicas'] ??= 1;
    defaultRollingUpdate(s, 'strategy', { maxUnavailable: '25%', maxSurge: '25%' });
    s['revisionHistoryLimit'] ??= 10;
    s['progressDeadlineSeconds'] ??= 600;
    defaultTemplate(s);
  } else if (t === R.replicasets) {
    spec()['replicas'] ??= 1;
    defaultTemplate(spec());
  } else if (t === R.statefulsets) {
    const s = spec();
    s['replicas'] ??= 1;
    s['podManagementPolicy'] ??= 'OrderedReady';
    defaultRollingUpdate(s, 'updateStrategy', { partition: 0 });
    s['revisionHistoryLimit'] ??= 10;
    s['persistentVolumeClaimRetentionPolicy'] ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
    defaultTemplate(s);
  } else if (t === R.daemonsets) {
    const s = spec();
    defaultRollingUpdate(s, 'updateStrategy', { maxUnavailable: 1, maxSurge: 0 });
    s['revisionHistoryLimit'] ??= 10;
    defaultTemplate(s);
  } else if (t === R.jobs) {
    defaultJob(obj, spec());
  } else if (t === R.cronjobs) {
    const s = spec();
    s['concurrencyPolicy'] ??= 'Allow';
    s['suspend'] ??= false;
    s['successfulJobsHistoryLimit'] ??= 3;
    s['failedJobsHistoryLimit'] ??= 1;
    defaultTemplate(child(child(s, 'jobTemplate'), 'spec'));
  } else if (t === R.rolebindings || t === R.clusterrolebindings) {
    defaultSubjects(obj);
  } else if (t === R.networkpolicies) {
    defaultNetworkPolicy(spec());
  }
  return obj;
}

/** Pod specs made from template specs, by template spec (frozen, so the key cannot change). */
const podSpecs = new WeakMap<object, Obj>();

/**
 * The spec, defaulted as a pod's, of a pod made from this template spec: made once per template and
 * shared by all its pods (a 30,000-pod scenario has 5,000 templates). Both are frozen: the store's
 * objects are never changed in place, and a change to either would otherwise reach every such pod.
 */
export function podSpecFromTemplate(template: unknown): Readonly<Obj> {
  if (!isRecord(template)) return freezeDeep(podDefaulted({ containers: [] }));
  let spec = podSpecs.get(template);
  if (!spec) {
    spec = freezeDeep(podDefaulted(template));
    podSpecs.set(freezeDeep(template), spec);
  }
  return spec;
}

function podDefaulted(spec: Obj): Obj {
  const pod = applyDefaults(R.pods, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: '' },
    spec,
  });
  return child(pod, 'spec');
}
