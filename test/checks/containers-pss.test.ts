import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { podIssues } from '../../src/checks/containers/container-rules.js';
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
    ['drop all (lower case) drops all', podWith(app({ capabilities: { drop: ['all'] } })), []],
    [
      'add all (lower case) is every capability, SYS_ADMIN included',
      podWith(app({ capabilities: { add: ['all'], drop: ['ALL'] } })),
      ['containers.capabilities:high', 'containers.privilege-escalation:medium'],
    ],
    [
      'a privileged container still has its capability fields judged',
      podWith(
        app({
          privileged: true,
          allowPrivilegeEscalation: undefined,
          capabilities: {},
        }),
      ),
      [
        'containers.capabilities:low',
        'containers.privilege-escalation:medium',
        'containers.privileged:high',
      ],
    ],
    // Privilege escalation: the effective value.
    [
      'allowPrivilegeEscalation false with CAP_SYS_ADMIN added stays allowed',
      podWith(app({ capabilities: { add: ['CAP_SYS_ADMIN'], drop: ['ALL'] } })),
      ['containers.capabilities:high', 'containers.privilege-escalation:medium'],
    ],
    [
      'allowPrivilegeEscalation false with NET_BIND_SERVICE only is fine',
      podWith(app({ capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] } })),
      [],
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
        'containers.capabilities:low',
        'containers.host-namespace:high',
        'containers.privilege-escalation:medium',
        'containers.privileged:high',
        'containers.privileged:high',
        'containers.root:low',
        'containers.seccomp:low',
      ],
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
