import { describe, expect, it } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import { podIssues } from '../../src/checks/containers/container-rules.js';
import { podOs } from '../../src/checks/containers/pod-os.js';
import { checkContainers } from '../../src/checks/containers/check-containers.js';
import { suggestedPatch } from '../../src/checks/containers/patch.js';
import { leanPod } from '../../src/kube/lean-pod.js';
import type { ContainerSpec, PodObject } from '../../src/model/pods.js';

// Written from the Pod Security Standards (restricted "Volume Types"; "OS-specific policy
// controls": the Linux-only controls are waived only for `spec.os.name: windows`) and the
// PodSpec / NodeAffinity API reference, not from the rules' code.

type Spec = NonNullable<PodObject['spec']>;
// A pod that passes restricted, so each case shows only what it adds.
const hardened = {
  allowPrivilegeEscalation: false,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
};
function pod(spec: Partial<Spec>): PodObject {
  return {
    metadata: { name: 'p', namespace: 'shop' },
    spec: {
      containers: [{ name: 'app', securityContext: hardened }],
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      ...spec,
    },
  };
}
const found = (p: PodObject) => podIssues(p).map((i) => `${i.id}:${i.severity}`);
const volume = (source: string, body: unknown = {}) => ({ name: `v-${source}`, [source]: body });

describe('restricted volume types', () => {
  it('allows the restricted set, image volumes included (1.33+)', () => {
    const allowed = [
      'configMap',
      'csi',
      'downwardAPI',
      'emptyDir',
      'ephemeral',
      'persistentVolumeClaim',
      'projected',
      'secret',
      'image',
    ];
    expect(found(pod({ volumes: allowed.map((s) => volume(s)) }))).toEqual([]);
  });

  it.each([
    ['nfs', 'low'],
    ['azureFile', 'low'],
    ['azureDisk', 'low'],
    ['iscsi', 'low'],
    ['cephfs', 'low'],
    ['flexVolume', 'low'],
    ['gitRepo', 'medium'],
  ])('reports a %s volume (%s), naming the volume and its type', (source, severity) => {
    const issues = podIssues(pod({ volumes: [volume(source, { server: 'x' })] }));
    expect(issues.map((i) => `${i.id}:${i.severity}`)).toEqual([
      `containers.volume-type:${severity}`,
    ]);
    expect(issues[0]!.what).toBe(`volume v-${source} (${source})`);
  });

  it('reports a volume with no known source, and says hostPath only once (host-path)', () => {
    expect(found(pod({ volumes: [{ name: 'odd' }] }))).toEqual(['containers.volume-type:low']);
    expect(found(pod({ volumes: [volume('hostPath', { path: '/data' })] }))).toEqual([
      'containers.host-path:medium',
    ]);
  });

  it('keeps the source of every volume in the lean pod list, and judges it the same', () => {
    const wire = {
      metadata: { name: 'p', namespace: 'shop' },
      spec: {
        containers: [{ name: 'app', securityContext: hardened }],
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        volumes: [
          { name: 'share', nfs: { server: 'files', path: '/x' } },
          { name: 'cfg', configMap: { name: 'cfg' } },
        ],
      },
    } as unknown as V1Pod;
    const lean = leanPod(structuredClone(wire));
    expect(lean.spec?.volumes).toEqual([
      { name: 'share', nfs: {} },
      { name: 'cfg', configMap: {} },
    ]);
    expect(found(lean as PodObject)).toEqual(found(wire as unknown as PodObject));
    expect(found(lean as PodObject)).toEqual(['containers.volume-type:low']);
  });
});

describe('which pods are Windows pods', () => {
  const pinned = (values: string[], operator = 'In') => ({
    nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator, values }] }],
  });
  const affinity = (required: unknown) =>
    ({
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required },
    }) as Spec['affinity'];

  it('spec.os.name decides first; placement only when it is unset', () => {
    expect(podOs(pod({ os: { name: 'windows' } }))).toBe('windows');
    expect(podOs(pod({ nodeSelector: { 'kubernetes.io/os': 'windows' } }))).toBe('windows-nodes');
    expect(podOs(pod({ affinity: affinity(pinned(['windows'])) }))).toBe('windows-nodes');
    // os.name linux: a Linux pod, whatever its selectors say (it never runs on Windows).
    expect(
      podOs(pod({ os: { name: 'linux' }, nodeSelector: { 'kubernetes.io/os': 'windows' } })),
    ).toBe('linux');
  });

  it('a node affinity that could admit a Linux node is not Windows placement', () => {
    const linux = [
      pinned(['windows', 'linux']),
      pinned(['linux'], 'NotIn'), // a node without the label matches NotIn
      pinned([], 'Exists'),
      // Terms are ORed: the second admits any node of zone a.
      {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['windows'] }] },
          { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
        ],
      },
      { nodeSelectorTerms: [] },
      { nodeSelectorTerms: [{}] },
    ];
    for (const required of linux)
      expect(podOs(pod({ affinity: affinity(required) }))).toBe('linux');
    // Preferred affinity never restricts placement.
    const preferred = {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 1, preference: pinned(['windows']).nodeSelectorTerms[0] },
        ],
      },
    } as unknown as Spec['affinity'];
    expect(podOs(pod({ affinity: preferred }))).toBe('linux');
    // ANDed within a term: os In [windows] with another requirement still pins Windows.
    const anded = {
      nodeSelectorTerms: [
        {
          matchExpressions: [
            { key: 'kubernetes.io/os', operator: 'In', values: ['windows'] },
            { key: 'zone', operator: 'In', values: ['a'] },
          ],
        },
      ],
    };
    expect(podOs(pod({ affinity: affinity(anded) }))).toBe('windows-nodes');
  });

  it('a pod placed on Windows nodes by affinity alone is judged for ContainerAdministrator', () => {
    const admin = pod({
      affinity: affinity(pinned(['windows'])),
      securityContext: {
        seccompProfile: { type: 'RuntimeDefault' },
        windowsOptions: { runAsUserName: 'ContainerAdministrator' },
      },
      containers: [{ name: 'app', securityContext: { ...hardened, runAsNonRoot: undefined } }],
    });
    expect(found(admin)).toContain('containers.root:medium');
    // One container runs as one user: one root issue, not a second for runAsNonRoot unset.
    expect(found(admin).filter((f) => f.startsWith('containers.root'))).toEqual([
      'containers.root:medium',
    ]);
    const adminAndZero = pod({
      nodeSelector: { 'kubernetes.io/os': 'windows' },
      containers: [
        {
          name: 'app',
          securityContext: {
            ...hardened,
            runAsUser: 0,
            windowsOptions: { runAsUserName: 'ContainerAdministrator' },
          },
        },
      ],
    });
    const roots = podIssues(adminAndZero).filter((i) => i.id === 'containers.root');
    expect(roots.map((i) => [i.severity, i.what])).toEqual([
      ['medium', 'runAsUserName ContainerAdministrator; also runAsUser 0'],
    ]);
    // The one issue still asks for both fixes.
    const review = checkContainers({ pods: [adminAndZero], intermediates: [], forbidden: [] })
      .workloads[0]!;
    const patch = suggestedPatch(review).join('\n');
    expect(patch).toContain('runAsUser: 10001');
    expect(patch).toContain('runAsUserName: ContainerUser');
    // A Linux pod's runAsUserName means nothing: not judged.
    const linux = pod({
      securityContext: {
        seccompProfile: { type: 'RuntimeDefault' },
        windowsOptions: { runAsUserName: 'ContainerAdministrator' },
      },
    });
    expect(found(linux)).toEqual([]);
  });

  it('only spec.os.name: windows waives the Linux-only controls; placement alone does not', () => {
    const bare = {
      securityContext: {},
      containers: [{ name: 'app', securityContext: { runAsNonRoot: true } }],
    };
    expect(found(pod({ os: { name: 'windows' }, ...bare }))).toEqual([]);
    for (const placed of [
      pod({ nodeSelector: { 'kubernetes.io/os': 'windows' }, ...bare }),
      pod({ affinity: affinity(pinned(['windows'])), ...bare }),
    ]) {
      const issues = podIssues(placed);
      expect(issues.map((i) => i.id).sort()).toEqual([
        'containers.capabilities',
        'containers.privilege-escalation',
        'containers.seccomp',
      ]);
      // The fix a Windows workload wants: declare its OS.
      for (const issue of issues) expect(issue.what).toContain('declare spec.os.name: windows');
    }
  });
});

describe('the suggested patch of a workload on Windows nodes without spec.os.name', () => {
  it('declares the OS instead of setting Linux-only fields the API would then refuse', () => {
    const placed = pod({
      nodeSelector: { 'kubernetes.io/os': 'windows' },
      securityContext: {},
      containers: [{ name: 'app', securityContext: { runAsNonRoot: true } }],
    });
    const review = checkContainers({ pods: [placed], intermediates: [], forbidden: [] })
      .workloads[0]!;
    const lines = suggestedPatch(review).join('\n');
    expect(lines).toMatch(/os:\n\s+name: windows/);
    expect(lines).not.toMatch(/allowPrivilegeEscalation:|seccompProfile:|capabilities:/);
    // A Linux pod keeps the Linux fix.
    const linux = pod({
      securityContext: {},
      containers: [{ name: 'app', securityContext: { runAsNonRoot: true } }],
    });
    const linuxLines = suggestedPatch(
      checkContainers({ pods: [linux], intermediates: [], forbidden: [] }).workloads[0]!,
    ).join('\n');
    expect(linuxLines).toContain('allowPrivilegeEscalation: false');
    expect(linuxLines).not.toMatch(/name: windows/);
  });
});

describe('probe and lifecycle hosts (baseline, Kubernetes 1.34+)', () => {
  const withHandlers = (extra: Partial<ContainerSpec>) =>
    pod({
      containers: [{ name: 'app', securityContext: hardened, ...extra }],
    });

  it('reports an httpGet or tcpSocket host in any probe or hook, each host once', () => {
    const p = withHandlers({
      livenessProbe: { httpGet: { host: '169.254.169.254' } },
      readinessProbe: { tcpSocket: { host: 'localhost' } },
      lifecycle: { preStop: { httpGet: { host: '169.254.169.254' } } },
    });
    const issues = podIssues(p);
    expect(issues.map((i) => `${i.id}:${i.severity}`)).toEqual(['containers.probe-host:medium']);
    expect(issues[0]!.what).toBe('probe or hook host 169.254.169.254, localhost');
  });

  it('an empty or unset host is the pod itself: no finding', () => {
    const p = withHandlers({
      livenessProbe: { httpGet: { host: '' } },
      startupProbe: { tcpSocket: {} },
    });
    expect(found(p)).toEqual([]);
  });

  it('the lean pod list keeps only the hosts, and judges the same', () => {
    const wire = {
      metadata: { name: 'p', namespace: 'shop' },
      spec: {
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        containers: [
          {
            name: 'app',
            securityContext: hardened,
            livenessProbe: { httpGet: { host: 'db', port: 80, path: '/' }, periodSeconds: 5 },
            readinessProbe: { httpGet: { port: 80, path: '/' } },
          },
        ],
      },
    } as unknown as V1Pod;
    const lean = leanPod(structuredClone(wire));
    expect(lean.spec?.containers[0]).toEqual({
      name: 'app',
      securityContext: hardened,
      livenessProbe: { httpGet: { host: 'db' } },
    });
    expect(found(lean as PodObject)).toEqual(['containers.probe-host:medium']);
  });
});
