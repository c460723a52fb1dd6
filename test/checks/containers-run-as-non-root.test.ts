import { describe, expect, it } from 'vitest';
import { podIssues } from '../../src/checks/containers/container-rules.js';
import { checkContainers } from '../../src/checks/containers/check-containers.js';
import { suggestedPatch } from '../../src/checks/containers/patch.js';
import type { ContainerSecurity, PodObject } from '../../src/model/pods.js';

// Pod Security Standards, restricted "Running as Non-root"
// (kubernetes.io/docs/concepts/security/pod-security-standards/): runAsNonRoot must be true (pod
// level, or every container); a non-zero runAsUser does not stand in for it (pod-security-admission
// check_runAsNonRoot.go reads runAsNonRoot only). README: containers.root covers "runAsNonRoot unset".
const hardened: ContainerSecurity = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
};

function podWith(podSc: ContainerSecurity, sc: ContainerSecurity): PodObject {
  return {
    metadata: { name: 'p', namespace: 'shop' },
    spec: {
      securityContext: { seccompProfile: { type: 'RuntimeDefault' }, ...podSc },
      containers: [{ name: 'app', securityContext: { ...hardened, ...sc } }],
    },
  };
}

const root = (p: PodObject) =>
  podIssues(p)
    .filter((i) => i.id === 'containers.root')
    .map((i) => `${i.severity} ${i.what}`);

describe('runAsNonRoot beside a runAsUser', () => {
  it('a container with runAsUser 1000 and runAsNonRoot unset at both levels is containers.root', () => {
    const pod: PodObject = {
      metadata: { name: 'p', namespace: 'shop' },
      spec: {
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        containers: [
          {
            name: 'app',
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
              runAsUser: 1000,
            },
          },
        ],
      },
    };
    expect(podIssues(pod).map((i) => i.id)).toContain('containers.root');
  });

  it.each<[string, ContainerSecurity, ContainerSecurity, string[]]>([
    [
      'runAsUser 1000 in the container, nothing else',
      {},
      { runAsUser: 1000 },
      ['low runAsNonRoot not set'],
    ],
    [
      'runAsUser 1000 on the pod, nothing else',
      { runAsUser: 1000 },
      {},
      ['low runAsNonRoot not set'],
    ],
    [
      'runAsUser 1000 with runAsNonRoot false',
      { runAsNonRoot: true },
      { runAsUser: 1000, runAsNonRoot: false },
      ['low runAsNonRoot false'],
    ],
    [
      'runAsUser 1000 with runAsNonRoot true on the pod',
      { runAsNonRoot: true },
      { runAsUser: 1000 },
      [],
    ],
    [
      'runAsUser 1000 with runAsNonRoot true in the container',
      {},
      { runAsUser: 1000, runAsNonRoot: true },
      [],
    ],
    ['runAsUser 0 stays medium', {}, { runAsUser: 0 }, ['medium runAsUser 0']],
    [
      'runAsUser 0 beside runAsNonRoot true stays medium',
      { runAsNonRoot: true },
      { runAsUser: 0 },
      ['medium runAsUser 0'],
    ],
  ])('%s', (_, podSc, sc, expected) => {
    expect(root(podWith(podSc, sc))).toEqual(expected);
  });

  it('the suggested patch sets runAsNonRoot: true and keeps the non-zero runAsUser', () => {
    const [review] = checkContainers({
      pods: [podWith({}, { runAsUser: 1000 })],
      intermediates: [],
      forbidden: [],
    }).workloads;
    const lines = suggestedPatch(review!).join('\n');
    expect(lines).toContain('runAsNonRoot: true');
    expect(lines).not.toContain('runAsUser');
  });
});
