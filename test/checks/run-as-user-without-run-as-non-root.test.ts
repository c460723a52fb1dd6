import { describe, expect, it } from 'vitest';
import { podIssues } from '../../src/checks/containers/container-rules.js';
import type { PodObject } from '../../src/model/pods.js';

// Pod Security Standards, restricted "Running as Non-root"
// (kubernetes.io/docs/concepts/security/pod-security-standards/): runAsNonRoot must be true (pod
// level, or every container); a non-zero runAsUser does not stand in for it (pod-security-admission
// check_runAsNonRoot.go reads runAsNonRoot only). README: containers.root covers "runAsNonRoot unset".
describe('a container with runAsUser 1000 and runAsNonRoot unset at both levels', () => {
  it.fails('is reported as containers.root (runAsNonRoot not set), as restricted requires', () => {
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
});
