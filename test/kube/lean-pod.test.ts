import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { checkContainers } from '../../src/checks/containers/check-containers.js';
import { leanPod, type LeanContainer, type LeanPod } from '../../src/kube/lean-pod.js';
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
