import { describe, expect, it } from 'vitest';
import { podIssues } from '../../src/checks/containers/container-rules.js';
import { suggestedPatch } from '../../src/checks/containers/patch.js';
import { checkContainers } from '../../src/checks/containers/check-containers.js';
import type { PodObject } from '../../src/model/pods.js';

// Cases written from the Kubernetes API reference (SecurityContext, PodSecurityContext,
// WindowsSecurityContextOptions) and the Pod Security Standards, not from the rules' code.

type Spec = NonNullable<PodObject['spec']>;
const hardened = {
  allowPrivilegeEscalation: false,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
};

function pod(spec: Partial<Spec>, annotations: Record<string, string> = {}): PodObject {
  return {
    metadata: { name: 'p', namespace: 'shop', annotations },
    spec: {
      containers: [{ name: 'app', securityContext: hardened }],
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      ...spec,
    },
  };
}

const found = (p: PodObject) => podIssues(p).map((i) => `${i.id}:${i.severity}`);

describe('Linux cases from the API reference', () => {
  const cases: Array<[string, Partial<Spec>, string[]]> = [
    [
      'capability names in any case, with or without CAP_',
      {
        containers: [
          {
            name: 'app',
            securityContext: {
              ...hardened,
              capabilities: { add: ['cap_sys_admin', 'Net_Raw'], drop: ['all'] },
            },
          },
        ],
      },
      // SYS_ADMIN added: escalation is allowed whatever allowPrivilegeEscalation says; the
      // capabilities finding says so (one cause, one finding).
      ['containers.capabilities:high', 'containers.capabilities:medium'],
    ],
    [
      'a capability beyond the baseline set (SYS_TIME, MAC_ADMIN) breaks baseline even with drop ALL',
      {
        containers: [
          {
            name: 'app',
            securityContext: {
              ...hardened,
              capabilities: { add: ['SYS_TIME', 'CAP_MAC_ADMIN'], drop: ['ALL'] },
            },
          },
        ],
      },
      ['containers.capabilities:medium'],
    ],
    [
      'a baseline capability other than NET_BIND_SERVICE breaks restricted (low)',
      {
        containers: [
          {
            name: 'app',
            securityContext: {
              ...hardened,
              capabilities: { add: ['SETUID', 'NET_BIND_SERVICE'], drop: ['ALL'] },
            },
          },
        ],
      },
      ['containers.capabilities:low'],
    ],
    [
      'NET_BIND_SERVICE alone with drop ALL is restricted',
      {
        containers: [
          {
            name: 'app',
            securityContext: {
              ...hardened,
              capabilities: { add: ['net_bind_service'], drop: ['ALL'] },
            },
          },
        ],
      },
      [],
    ],
    [
      'allowPrivilegeEscalation unset defaults to allowed',
      {
        containers: [
          { name: 'app', securityContext: { runAsNonRoot: true, capabilities: { drop: ['ALL'] } } },
        ],
      },
      ['containers.privilege-escalation:medium'],
    ],
    [
      'runAsNonRoot true at pod level, runAsUser 0 in the container: root',
      {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{ name: 'app', securityContext: { ...hardened, runAsUser: 0 } }],
      },
      ['containers.root:medium'],
    ],
    [
      'container runAsNonRoot false overrides the pod true',
      {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{ name: 'app', securityContext: { ...hardened, runAsNonRoot: false } }],
      },
      ['containers.root:low'],
    ],
    [
      // Not root, but restricted asks for runAsNonRoot: true whatever runAsUser says.
      'a non-zero runAsUser from the pod without runAsNonRoot is not restricted',
      {
        securityContext: { runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{ name: 'app', securityContext: { ...hardened, runAsNonRoot: undefined } }],
      },
      ['containers.root:low'],
    ],
    [
      'ephemeral containers are checked too',
      {
        ephemeralContainers: [{ name: 'dbg', securityContext: { ...hardened, privileged: true } }],
      },
      // Privileged: escalation and every capability come with it, said in that one finding.
      ['containers.privileged:high'],
    ],
  ];
  it.each(cases)('%s', (_, spec, expected) => {
    expect(found(pod(spec)).sort()).toEqual([...expected].sort());
  });

  it('a container annotation beats the pod-level field (nearest setting wins)', () => {
    const p = pod({}, { 'container.seccomp.security.alpha.kubernetes.io/app': 'unconfined' });
    expect(found(p)).toEqual(['containers.seccomp:medium']);
    const q = pod(
      { securityContext: {} },
      { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' },
    );
    expect(found(q)).toEqual([]);
    // The container's own field still beats its annotation.
    const r = pod(
      {
        containers: [
          {
            name: 'app',
            securityContext: { ...hardened, seccompProfile: { type: 'RuntimeDefault' } },
          },
        ],
      },
      { 'container.seccomp.security.alpha.kubernetes.io/app': 'unconfined' },
    );
    expect(found(r)).toEqual([]);
  });
});

describe('hostPath', () => {
  it.each([
    ['/etc/kubernetes', 'high'],
    ['/etc/kubernetes/azure.json', 'high'],
    ['/var/lib/containerd', 'high'],
    ['/var/lib/docker/overlay2', 'high'],
    ['/run/containerd/containerd.sock', 'high'],
    ['/etc/ssl/certs', 'medium'],
    ['/var/lib/dockerish', 'medium'],
  ])('%s is %s', (path, severity) => {
    const p = pod({ volumes: [{ name: 'h', hostPath: { path } }] });
    expect(found(p)).toEqual([`containers.host-path:${severity}`]);
  });
});

describe('Windows pods', () => {
  const windows = (spec: Partial<Spec>): PodObject =>
    pod({ os: { name: 'windows' }, securityContext: {}, ...spec });

  it('are not asked for Linux-only fields the API server refuses on them', () => {
    const p = windows({
      containers: [{ name: 'app', securityContext: { runAsNonRoot: true } }],
    });
    expect(found(p)).toEqual([]);
    // A Windows node selector without os.name: the standard waives the Linux-only controls only
    // for spec.os.name: windows, so they are still asked for (containers-volume-os.test.ts).
  });

  it('HostProcess (pod or container level) is privileged; ContainerAdministrator is root', () => {
    const host = windows({
      hostNetwork: true,
      securityContext: { windowsOptions: { hostProcess: true } },
      containers: [{ name: 'app' }],
    });
    expect(found(host).sort()).toEqual([
      'containers.host-namespace:high',
      'containers.privileged:high',
    ]);
    const admin = windows({
      containers: [
        {
          name: 'app',
          securityContext: { windowsOptions: { runAsUserName: 'ContainerAdministrator' } },
        },
      ],
    });
    expect(found(admin)).toEqual(['containers.root:medium']);
    const unset = windows({ containers: [{ name: 'app' }] });
    expect(found(unset)).toEqual(['containers.root:low']);
    // A named user is not runAsNonRoot: restricted waives no "Running as Non-root" for Windows
    // pods (Pod Security Standards), so the pod still needs runAsNonRoot true to pass.
    const user = windows({
      securityContext: { windowsOptions: { runAsUserName: 'ContainerUser' } },
      containers: [{ name: 'app' }],
    });
    expect(found(user)).toEqual(['containers.root:low']);
    const nonRootUser = windows({
      securityContext: { runAsNonRoot: true, windowsOptions: { runAsUserName: 'ContainerUser' } },
      containers: [{ name: 'app' }],
    });
    expect(found(nonRootUser)).toEqual([]);
  });

  it('suggests no Linux-only field for a Windows workload', () => {
    const p = windows({
      hostNetwork: true,
      securityContext: { windowsOptions: { hostProcess: true } },
      containers: [
        {
          name: 'app',
          securityContext: { windowsOptions: { runAsUserName: 'containeradministrator' } },
        },
      ],
    });
    const review = checkContainers({ pods: [p], intermediates: [], forbidden: [] }).workloads[0]!;
    const lines = suggestedPatch(review).join('\n');
    expect(lines).not.toMatch(/privileged|allowPrivilegeEscalation|capabilities|seccomp/);
    expect(lines).toContain('runAsUserName: ContainerUser');
    expect(lines).toContain('hostProcess');
  });
});
