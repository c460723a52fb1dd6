import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkContainers } from '../../src/checks/containers/check-containers.js';
import { podIssues } from '../../src/checks/containers/container-rules.js';
import { suggestedPatch } from '../../src/checks/containers/patch.js';
import type { ContainerSecurity, PodObject } from '../../src/model/pods.js';

// Cases decided by the Pod Security Standards (baseline and restricted, field by field), the
// Kubernetes API reference (SecurityContext: "AllowPrivilegeEscalation is true always when the
// container is 1) run as Privileged 2) has CAP_SYS_ADMIN") and how containerd and CRI-O read
// capability names (`ALL` in any case drops or adds all; other names get `CAP_` + upper case).
// Written from those texts, not from the rules' code.

type Spec = NonNullable<PodObject['spec']>;
const hardened: ContainerSecurity = {
  allowPrivilegeEscalation: false,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
};
const podWith = (spec: Partial<Spec>, annotations: Record<string, string> = {}): PodObject => ({
  metadata: { name: 'p', namespace: 'shop', annotations },
  spec: {
    containers: [{ name: 'app', securityContext: hardened }],
    securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
    ...spec,
  },
});
const app = (sc: ContainerSecurity, extra: Partial<Spec['containers'][number]> = {}) => ({
  containers: [{ name: 'app', securityContext: { ...hardened, ...sc }, ...extra }],
});
const found = (p: PodObject) =>
  podIssues(p)
    .map((i) => `${i.id}:${i.severity}`)
    .sort();

describe('the Pod Security Standards, field by field', () => {
  const cases: Array<[string, PodObject, string[]]> = [
    ['a hardened pod passes restricted', podWith({}), []],
    // Capabilities.
    [
      'drop CAP_ALL is not ALL to the runtime: nothing is dropped',
      podWith(app({ capabilities: { drop: ['CAP_ALL'] } })),
      ['containers.capabilities:low'],
    ],
    [
      'drop " ALL" (with a space) is not ALL to the runtime, which compares without trimming',
      podWith(app({ capabilities: { drop: [' ALL'] } })),
      ['containers.capabilities:low'],
    ],
    ['drop all (lower case) drops all', podWith(app({ capabilities: { drop: ['all'] } })), []],
    [
      'add all (lower case) is every capability, SYS_ADMIN included',
      podWith(app({ capabilities: { add: ['all'], drop: ['ALL'] } })),
      ['containers.capabilities:high'],
    ],
    [
      // The runtime ignores add/drop for a privileged container and escalation always comes with
      // it: one cause, one finding (so a waiver of containers.privileged covers all of it).
      'a privileged container is one finding: no separate escalation or drop-ALL finding',
      podWith(
        app({
          privileged: true,
          allowPrivilegeEscalation: undefined,
          capabilities: {},
        }),
      ),
      ['containers.privileged:high'],
    ],
    // Privilege escalation: the effective value.
    [
      'allowPrivilegeEscalation false with CAP_SYS_ADMIN added: the SYS_ADMIN finding says escalation stays allowed',
      podWith(app({ capabilities: { add: ['CAP_SYS_ADMIN'], drop: ['ALL'] } })),
      ['containers.capabilities:high'],
    ],
    [
      'allowPrivilegeEscalation false with NET_BIND_SERVICE only is fine',
      podWith(app({ capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] } })),
      [],
    ],
    // Host ports.
    [
      'a hostPort breaks baseline',
      podWith(app({}, { ports: [{ containerPort: 80, hostPort: 8080 }] })),
      ['containers.host-port:medium'],
    ],
    [
      // The API server defaults hostPort to containerPort on a hostNetwork pod: one cause.
      'a hostNetwork pod: its defaulted hostPorts are the host-namespace finding, not a second one',
      podWith({
        hostNetwork: true,
        ...app({}, { ports: [{ containerPort: 9100, hostPort: 9100 }] }),
      }),
      ['containers.host-namespace:high'],
    ],
    [
      'hostPort 0 is no host port',
      podWith(app({}, { ports: [{ containerPort: 80, hostPort: 0 }] })),
      [],
    ],
    [
      'an init container with a hostPort',
      podWith({
        initContainers: [
          {
            name: 'i',
            securityContext: hardened,
            ports: [{ containerPort: 1, hostPort: 1 }],
          },
        ],
      }),
      ['containers.host-port:medium'],
    ],
    // /proc mount.
    [
      'procMount Unmasked',
      podWith(app({ procMount: 'Unmasked' })),
      ['containers.proc-mount:medium'],
    ],
    ['procMount Default', podWith(app({ procMount: 'Default' })), []],
    [
      'procMount Unmasked in a user namespace (hostUsers false): low, newer baseline allows it',
      podWith({ hostUsers: false, ...app({ procMount: 'Unmasked' }) }),
      ['containers.proc-mount:low'],
    ],
    // SELinux.
    [
      'a custom SELinux type (spc_t) on a container',
      podWith(app({ seLinuxOptions: { type: 'spc_t' } })),
      ['containers.selinux:medium'],
    ],
    [
      'an SELinux user or role, at pod level',
      podWith({
        securityContext: {
          seccompProfile: { type: 'RuntimeDefault' },
          seLinuxOptions: { user: 'system_u', role: 'system_r' },
        },
      }),
      ['containers.selinux:medium'],
    ],
    [
      'the container SELinux types and a level are allowed',
      podWith({
        securityContext: {
          seccompProfile: { type: 'RuntimeDefault' },
          seLinuxOptions: { level: 's0:c123,c456', type: 'container_init_t' },
        },
        containers: [
          {
            name: 'app',
            securityContext: {
              ...hardened,
              seLinuxOptions: { type: 'container_t' },
            },
          },
        ],
      }),
      [],
    ],
    // Sysctls.
    [
      'safe sysctls, also in the slash spelling the kubelet accepts',
      podWith({
        securityContext: {
          seccompProfile: { type: 'RuntimeDefault' },
          sysctls: [
            { name: 'kernel.shm_rmid_forced', value: '1' },
            { name: 'net/ipv4/tcp_syncookies', value: '1' },
            { name: 'net.ipv4.ip_unprivileged_port_start', value: '80' },
          ],
        },
      }),
      [],
    ],
    [
      'an unsafe sysctl',
      podWith({
        securityContext: {
          seccompProfile: { type: 'RuntimeDefault' },
          sysctls: [
            { name: 'net.core.somaxconn', value: '1024' },
            { name: 'kernel.msgmax', value: '65536' },
          ],
        },
      }),
      ['containers.sysctls:medium'],
    ],
    // HostProcess wherever it is said.
    [
      'HostProcess on a pod not marked Windows is still privileged, and hides no Linux check',
      podWith({
        hostNetwork: true,
        securityContext: { windowsOptions: { hostProcess: true } },
        containers: [{ name: 'app', securityContext: { privileged: true } }],
      }),
      [
        'containers.host-namespace:high',
        'containers.privileged:high',
        'containers.privileged:high',
        'containers.root:low',
        'containers.seccomp:low',
      ],
    ],
    // Pod level against container level.
    [
      'pod seccomp Unconfined overridden by every container: the pod-level default is still said',
      podWith({
        securityContext: { seccompProfile: { type: 'Unconfined' } },
        containers: [
          {
            name: 'app',
            securityContext: {
              ...hardened,
              seccompProfile: { type: 'RuntimeDefault' },
            },
          },
        ],
      }),
      ['containers.seccomp:low'],
    ],
    [
      'pod seccomp Unconfined inherited by a container: that container, once',
      podWith({ securityContext: { seccompProfile: { type: 'Unconfined' } } }),
      ['containers.seccomp:medium'],
    ],
    [
      'seccomp Localhost is allowed',
      podWith({
        securityContext: {
          seccompProfile: { type: 'Localhost', localhostProfile: 'x' },
        },
      }),
      [],
    ],
    [
      'pod AppArmor Unconfined overridden by every container',
      podWith({
        securityContext: {
          seccompProfile: { type: 'RuntimeDefault' },
          appArmorProfile: { type: 'Unconfined' },
        },
        containers: [
          {
            name: 'app',
            securityContext: {
              ...hardened,
              appArmorProfile: { type: 'RuntimeDefault' },
            },
          },
        ],
      }),
      ['containers.apparmor:low'],
    ],
    [
      'an AppArmor annotation localhost/ is allowed',
      podWith(
        {},
        {
          'container.apparmor.security.beta.kubernetes.io/app': 'localhost/k8s-nginx',
        },
      ),
      [],
    ],
    [
      'pod runAsUser 0 overridden by every container',
      podWith({
        securityContext: {
          runAsUser: 0,
          seccompProfile: { type: 'RuntimeDefault' },
        },
        containers: [{ name: 'app', securityContext: { ...hardened, runAsUser: 1000 } }],
      }),
      ['containers.root:low'],
    ],
    // User namespaces: the standards skip runAsUser and runAsNonRoot for hostUsers: false only
    // behind the alpha UserNamespacesPodSecurityStandards gate (User Namespaces, "Integration
    // with Pod Security Admission checks"), off on AKS: these cases were read as passing before.
    [
      'runAsUser 0 in a user namespace (hostUsers false) is still refused by restricted',
      podWith({ hostUsers: false, ...app({ runAsUser: 0, runAsNonRoot: undefined }) }),
      ['containers.root:medium'],
    ],
    [
      'runAsNonRoot unset in a user namespace (hostUsers false)',
      podWith({ hostUsers: false, ...app({ runAsNonRoot: undefined }) }),
      ['containers.root:low'],
    ],
    [
      'pod runAsUser 0 overridden by every container, in a user namespace',
      podWith({
        hostUsers: false,
        securityContext: { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{ name: 'app', securityContext: { ...hardened, runAsUser: 1000 } }],
      }),
      ['containers.root:low'],
    ],
    [
      'hostUsers true is the node user namespace: runAsUser 0 is root',
      podWith({ hostUsers: true, ...app({ runAsUser: 0 }) }),
      ['containers.root:medium'],
    ],
    [
      'runAsNonRoot false said explicitly, no user',
      podWith(app({ runAsNonRoot: false })),
      ['containers.root:low'],
    ],
  ];
  it.each(cases)('%s', (_, pod, expected) => {
    expect(found(pod)).toEqual([...expected].sort());
  });

  it('names a drop entry that looks like ALL but is not', () => {
    const whats = podIssues(podWith(app({ capabilities: { drop: ['CAP_ALL'] } }))).map(
      (i) => i.what,
    );
    expect(whats).toEqual(['does not drop ALL (CAP_ALL is not ALL to the runtime)']);
  });

  it('says the pod-level default is what a later container inherits', () => {
    const pod = podWith({
      securityContext: { seccompProfile: { type: 'Unconfined' } },
      containers: [
        {
          name: 'app',
          securityContext: {
            ...hardened,
            seccompProfile: { type: 'RuntimeDefault' },
          },
        },
      ],
    });
    expect(podIssues(pod)[0]!.container).toBeUndefined();
    expect(podIssues(pod)[0]!.what).toContain('kubectl debug');
    // The finding reads '<kind> runs without a seccomp filter: <what>': the what must say first
    // that no container runs so now, or the sentence is false.
    const [finding] = checkContainers({ pods: [pod], intermediates: [], forbidden: [] }).findings;
    expect(finding!.message).toBe(
      'Pod runs without a seccomp filter: no container now, but the pod-level default seccomp Unconfined applies to one added without its own (e.g. by kubectl debug).',
    );
  });
});

describe('capability spelling never hides an added capability', () => {
  const spelled = (name: string) =>
    fc
      .tuple(
        fc.boolean(),
        fc.array(fc.boolean(), {
          minLength: name.length,
          maxLength: name.length,
        }),
      )
      .map(([prefix, upper]) => {
        const body = [...name].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase()));
        return `${prefix ? 'cap_' : ''}${body.join('')}`;
      });
  const names = fc.constantFrom('SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_TIME', 'CHOWN', 'ALL');

  it('judges any case, with or without CAP_, as the canonical name', () => {
    fc.assert(
      fc.property(
        names.chain((n) => fc.tuple(fc.constant(n), spelled(n))),
        ([name, variant]) => {
          const judge = (add: string) =>
            found(podWith(app({ capabilities: { add: [add], drop: ['ALL'] } })));
          expect(judge(variant)).toEqual(judge(name));
        },
      ),
    );
  });
});

describe('the suggested patch for the baseline controls that are not securityContext fields', () => {
  it('sets procMount Default and notes hostPort, sysctls and SELinux for a person to remove', () => {
    const pod = podWith({
      securityContext: {
        seccompProfile: { type: 'RuntimeDefault' },
        sysctls: [{ name: 'kernel.msgmax', value: '1' }],
      },
      containers: [
        {
          name: 'app',
          securityContext: {
            ...hardened,
            procMount: 'Unmasked',
            seLinuxOptions: { type: 'spc_t' },
          },
          ports: [{ containerPort: 80, hostPort: 80 }],
        },
      ],
    });
    const review = checkContainers({ pods: [pod], intermediates: [], forbidden: [] });
    const lines = suggestedPatch(review.workloads[0]!).join('\n');
    expect(lines).toContain('procMount: Default');
    expect(lines).toContain('# also: remove hostPort 80');
    expect(lines).toContain('# also: remove sysctl kernel.msgmax');
    expect(lines).toContain('# also: remove the custom SELinux type spc_t');
  });

  it('moves a pod-level runAsUser 0 and AppArmor Unconfined to safe pod-level values', () => {
    const pod = podWith({
      securityContext: {
        runAsUser: 0,
        seccompProfile: { type: 'RuntimeDefault' },
        appArmorProfile: { type: 'Unconfined' },
      },
      containers: [
        {
          name: 'app',
          securityContext: {
            ...hardened,
            runAsUser: 1000,
            appArmorProfile: { type: 'RuntimeDefault' },
          },
        },
      ],
    });
    const review = checkContainers({ pods: [pod], intermediates: [], forbidden: [] });
    const patch = parse(suggestedPatch(review.workloads[0]!).slice(1).join('\n')) as {
      securityContext: Record<string, unknown>;
    };
    expect(patch.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 10001,
      appArmorProfile: { type: 'RuntimeDefault' },
    });
  });
});

describe('one cause, one finding: privileged and SYS_ADMIN carry their escalation', () => {
  it('a privileged container says escalation and its added capabilities in its one finding', () => {
    const issues = podIssues(
      podWith(
        app({
          privileged: true,
          allowPrivilegeEscalation: undefined,
          capabilities: { add: ['SYS_ADMIN', 'net_admin', 'NET_BIND_SERVICE'] },
        }),
      ),
    );
    expect(issues.map((i) => `${i.id}:${i.what}`)).toEqual([
      'containers.privileged:privileged: every capability, escalation always allowed; also adds SYS_ADMIN, NET_ADMIN',
    ]);
  });

  it('SYS_ADMIN beside allowPrivilegeEscalation false: the capability finding says escalation stays', () => {
    const issues = podIssues(podWith(app({ capabilities: { add: ['SYS_ADMIN'], drop: ['ALL'] } })));
    expect(issues.map((i) => `${i.id}:${i.severity}:${i.what}`)).toEqual([
      'containers.capabilities:high:adds SYS_ADMIN (escalation always allowed)',
    ]);
  });

  it('a waiver of containers.privileged leaves nothing of medium or above on that workload', () => {
    // The README's own waiver example: a log shipper that must run privileged. Before, the same
    // container also raised containers.privilege-escalation (medium), which the waiver missed,
    // so --fail-on medium failed on a risk the team had accepted.
    const pod = podWith(
      app({ privileged: true, allowPrivilegeEscalation: undefined, capabilities: undefined }),
    );
    const { findings } = checkContainers({ pods: [pod], intermediates: [], forbidden: [] });
    expect(
      findings.filter((f) => f.severity === 'high' || f.severity === 'medium').map((f) => f.id),
    ).toEqual(['containers.privileged']);
  });
});

describe('the suggested patch for a privileged container that also adds capabilities', () => {
  it('notes the added capabilities for a person to remove (a merge patch keeps them)', () => {
    const pod = podWith(
      app({
        privileged: true,
        allowPrivilegeEscalation: undefined,
        capabilities: { add: ['SYS_ADMIN'] },
      }),
    );
    const [review] = checkContainers({ pods: [pod], intermediates: [], forbidden: [] }).workloads;
    expect(suggestedPatch(review!)).toContain(
      "  # also: remove from app's capabilities.add: SYS_ADMIN",
    );
  });
});
