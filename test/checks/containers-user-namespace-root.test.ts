// A pod with `hostUsers: false` that runs as root (`runAsUser: 0`, no runAsNonRoot) gets a
// containers.root finding: the Pod Security Standards skip runAsUser and
// runAsNonRoot for user-namespace pods only behind the UserNamespacesPodSecurityStandards
// feature gate (alpha, off by default, never to be on by default), so not on AKS.
import { describe, expect, it } from 'vitest';
import { podIssues } from '../../src/checks/containers/container-rules.js';
import type { PodObject } from '../../src/model/pods.js';

const pod: PodObject = {
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    hostUsers: false,
    securityContext: { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      {
        name: 'app',
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      },
    ],
  },
};

describe('containers: root in a user namespace', () => {
  // https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/#integration-with-pod-security-admission-checks
  // (the relaxation needs the alpha UserNamespacesPodSecurityStandards gate) and
  // https://kubernetes.io/docs/concepts/security/pod-security-standards/ (Restricted: runAsNonRoot
  // true, runAsUser not 0).
  it('reports runAsUser 0 without runAsNonRoot as containers.root', () => {
    const ids = podIssues(pod).map((i) => i.id);
    expect(ids).toContain('containers.root');
  });
});
