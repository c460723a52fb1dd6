import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { checkContainers } from '../../src/checks/containers/check-containers.js';
import {
  LEAN_POD_SHAPE,
  leanPod,
  type LeanContainer,
  type LeanPod,
} from '../../src/kube/lean-pod.js';
import { ListItems, type ItemShape } from '../../src/kube/list-items.js';
import type { ContainerSpec, ObjectMeta, PodObject } from '../../src/model/pods.js';
import { toDrainPod } from '../../src/steps/drain/facts.js';

// A pod with every field some check reads, and much that none does, as the API server sends it.
const wirePod = (overrides: Partial<V1Pod['spec']> = {}, annotations = {}): V1Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-1',
      namespace: 'shop',
      uid: 'u-1',
      labels: { app: 'web' },
      annotations: { 'kubernetes.io/config.mirror': 'x', ...annotations },
      deletionTimestamp: '2026-01-01T00:00:00Z',
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-abc',
          uid: 'rs-1',
          controller: true,
        },
      ],
      resourceVersion: '9',
      creationTimestamp: '2026-01-01T00:00:00Z',
    },
    spec: {
      nodeName: 'node-1',
      hostNetwork: true,
      hostPID: true,
      hostIPC: true,
      securityContext: { runAsUser: 0, seccompProfile: { type: 'Unconfined' } },
      containers: [
        {
          name: 'web',
          image: 'contoso.azurecr.io/web:1',
          securityContext: { privileged: true, capabilities: { add: ['NET_ADMIN'] } },
          ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
          env: [{ name: 'A', value: 'b' }],
        },
      ],
      initContainers: [{ name: 'init', securityContext: { allowPrivilegeEscalation: true } }],
      ephemeralContainers: [{ name: 'debug', securityContext: { runAsNonRoot: false } }],
      volumes: [
        { name: 'host', hostPath: { path: '/var/run' } },
        { name: 'scratch', emptyDir: {} },
        { name: 'cfg', configMap: { name: 'cfg' } },
      ],
      tolerations: [{ key: 'k', operator: 'Exists' }],
      ...overrides,
    },
    status: {
      phase: 'Running',
      podIP: '10.0.0.1',
      hostIP: '10.1.0.1',
      conditions: [
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' },
      ],
      containerStatuses: [],
    },
  }) as unknown as V1Pod;

describe('leanPod', () => {
  it('keeps what the drain and container checks read: the same facts and findings', () => {
    for (const pod of [wirePod(), wirePod({ hostNetwork: false, volumes: [] }, { a: 'b' })]) {
      const lean = leanPod(structuredClone(pod));
      expect(toDrainPod(lean)).toEqual(toDrainPod(pod));
      // The workloads hold their pods (typed as the checks read them); all else must be equal.
      const review = (pods: unknown[]) => {
        const r = checkContainers({ pods: pods as never, intermediates: [], forbidden: [] });
        return {
          ...r,
          workloads: r.workloads.map(({ workload: { pods: _p, ...workload }, ...w }) => ({
            ...w,
            workload,
          })),
        };
      };
      expect(review([lean])).toEqual(review([pod]));
    }
  });

  it('drops what no check reads, and adds no field that was absent', () => {
    const lean = leanPod(wirePod());
    expect(lean.spec?.containers[0]).toEqual({
      name: 'web',
      securityContext: { privileged: true, capabilities: { add: ['NET_ADMIN'] } },
      ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
    });
    expect(lean.spec?.volumes).toEqual([
      { name: 'host', hostPath: { path: '/var/run' } },
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: {} },
    ]);
    expect(lean.status?.conditions).toEqual([{ type: 'Ready', status: 'True' }]);
    expect(lean.metadata?.ownerReferences).toEqual([
      { kind: 'ReplicaSet', name: 'web-abc', uid: 'rs-1', controller: true },
    ]);
    expect(Object.keys(leanPod({ spec: { containers: [{ name: 'a' }] } }))).toEqual(['spec']);
  });

  it('keeps every field the container checks read (a compile-time check) and judges a Windows pod as Windows', () => {
    type Spec = NonNullable<PodObject['spec']>;
    type LeanSpec = NonNullable<LeanPod['spec']>;
    expectTypeOf<Exclude<keyof Spec, keyof LeanSpec>>().toEqualTypeOf<never>();
    expectTypeOf<
      Exclude<keyof ObjectMeta, keyof NonNullable<LeanPod['metadata']>>
    >().toEqualTypeOf<never>();
    expectTypeOf<Exclude<keyof ContainerSpec, keyof LeanContainer>>().toEqualTypeOf<never>();

    const windows = wirePod({
      os: { name: 'windows' },
      nodeSelector: { 'kubernetes.io/os': 'windows' },
      hostNetwork: false,
      hostPID: false,
      hostIPC: false,
      securityContext: {
        windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' },
      },
      containers: [{ name: 'agent', image: 'mcr.microsoft.com/agent:1' }],
      initContainers: [],
      ephemeralContainers: [],
      volumes: [],
    });
    const lean = leanPod(structuredClone(windows));
    expect(lean.spec?.os).toEqual({ name: 'windows' });
    expect(lean.spec?.nodeSelector).toEqual({ 'kubernetes.io/os': 'windows' });
    const ids = (pod: unknown) =>
      checkContainers({ pods: [pod as PodObject], intermediates: [], forbidden: [] })
        .findings.map((f) => f.id)
        .sort();
    // HostProcess is Windows' privileged; no Linux-only advice (seccomp, escalation) for it.
    expect(ids(lean)).toContain('containers.privileged');
    expect(ids(lean)).toEqual(ids(windows));
  });
});

/** The pods of a list body read through `ListItems` with `shape` (undefined: whole). */
function readThrough(pods: unknown[], shape?: ItemShape): unknown[] {
  const got: unknown[] = [];
  const reader = new ListItems((pod) => got.push(pod), undefined, shape);
  reader.push(new TextEncoder().encode(JSON.stringify({ kind: 'PodList', items: pods })));
  reader.end();
  return got;
}

/** Every path `read` reads of `value` (array indexes as `[]`), absent members included. */
function pathsRead(value: unknown, read: (v: never) => unknown): string[][] {
  const paths = new Set<string>();
  const watch = (v: unknown, path: string[]): unknown => {
    if (v === null || typeof v !== 'object') return v;
    return new Proxy(v, {
      get(target, key, receiver) {
        const got: unknown = Reflect.get(target, key, receiver);
        if (typeof key !== 'string') return got;
        const array = Array.isArray(target);
        // An array's methods and length are not fields of the pod.
        if (array && !/^\d+$/.test(key)) return got;
        const at = [...path, array ? '[]' : key];
        if (!array) paths.add(JSON.stringify(at));
        return watch(got, at);
      },
      ownKeys(target) {
        paths.add(JSON.stringify([...path, '*']));
        return Reflect.ownKeys(target);
      },
    });
  };
  read(watch(structuredClone(value), []) as never);
  return [...paths].map((p) => JSON.parse(p) as string[]);
}

/** Whether `shape` keeps `path` whole (arrays take their elements' shape; `*`: every member). */
function keeps(shape: ItemShape | true, path: readonly string[]): boolean {
  let at: ItemShape | true = shape;
  for (const key of path) {
    if (at === true) return true;
    if (key === '[]') continue;
    if (key === '*' || !Object.hasOwn(at, key)) return false;
    at = at[key]!;
  }
  return true;
}

describe('LEAN_POD_SHAPE', () => {
  const probed = wirePod({
    containers: [
      {
        name: 'web',
        image: 'web:1',
        livenessProbe: { httpGet: { host: '169.254.169.254', port: 80, path: '/' } },
        readinessProbe: { tcpSocket: { host: '10.0.0.1', port: 80 }, periodSeconds: 5 },
        startupProbe: { exec: { command: ['true'] } },
        lifecycle: {
          postStart: { httpGet: { port: 1 } },
          preStop: { tcpSocket: { host: 'h', port: 1 } },
        },
        resources: { limits: { cpu: '1' } },
      },
    ],
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['windows'] }],
            },
          ],
        },
        preferredDuringSchedulingIgnoredDuringExecution: [],
      },
      podAntiAffinity: {},
    },
    hostUsers: false,
    os: { name: 'linux' },
    nodeSelector: { pool: 'a' },
  });
  const terminating = {
    ...wirePod(),
    status: { phase: 'Failed', reason: 'Evicted', message: 'm' },
  };
  const pods = [
    wirePod(),
    wirePod({ hostNetwork: false, volumes: [] }, { a: 'b' }),
    probed,
    terminating,
  ];

  it('keeps every field leanPod reads: a pod read through it comes out of leanPod the same', () => {
    for (const pod of pods) {
      for (const path of pathsRead(pod, leanPod))
        expect(keeps(LEAN_POD_SHAPE, path), path.join('.')).toBe(true);
    }
    const lean = (list: unknown[]) => list.map((pod) => leanPod(pod as V1Pod));
    expect(lean(readThrough(pods, LEAN_POD_SHAPE))).toEqual(lean(readThrough(pods)));
  });

  it('leaves the rest of a pod out before it is parsed', () => {
    const [read] = readThrough([probed], LEAN_POD_SHAPE) as V1Pod[];
    expect(read!.kind).toBeUndefined();
    expect(read!.spec?.tolerations).toBeUndefined();
    expect(read!.status?.containerStatuses).toBeUndefined();
    expect(read!.metadata?.resourceVersion).toBeUndefined();
    expect(read!.spec?.containers[0]).toEqual({
      name: 'web',
      livenessProbe: { httpGet: { host: '169.254.169.254' } },
      readinessProbe: { tcpSocket: { host: '10.0.0.1' } },
      startupProbe: {},
      lifecycle: { postStart: { httpGet: {} }, preStop: { tcpSocket: { host: 'h' } } },
    });
  });

  it('would catch a field leanPod reads that the shape leaves out', () => {
    const { nodeName: _n, ...spec } = LEAN_POD_SHAPE.spec as ItemShape;
    const paths = pathsRead(wirePod(), leanPod);
    expect(paths.filter((p) => !keeps({ ...LEAN_POD_SHAPE, spec }, p))).toEqual([
      ['spec', 'nodeName'],
    ]);
  });
});
