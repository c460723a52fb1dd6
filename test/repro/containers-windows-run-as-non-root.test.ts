// Repro: a Windows pod (spec.os.name: windows) that sets runAsUserName but not runAsNonRoot gets
// no containers.root finding, though the restricted Pod Security Standard refuses it: for Windows
// pods only the privilege-escalation, seccomp and capabilities controls are waived, not
// "Running as Non-root" (the Linux case, runAsUser 1000 without runAsNonRoot, is reported).
import { describe, expect, it } from 'vitest';
import { podIssues } from '../../src/checks/containers/container-rules.js';
import type { PodObject } from '../../src/model/pods.js';

const pod: PodObject = {
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    os: { name: 'windows' },
    securityContext: { windowsOptions: { runAsUserName: 'ContainerUser' } },
    containers: [{ name: 'app' }],
  },
};

describe('containers: Windows pods and runAsNonRoot', () => {
  // https://kubernetes.io/docs/concepts/security/pod-security-standards/ (Restricted, "Running as
  // Non-root": spec.securityContext.runAsNonRoot must be true, or every container's); the README's
  // containers.root covers "runAsNonRoot unset".
  it.fails('reports runAsNonRoot unset on a Windows pod that names a user', () => {
    const ids = podIssues(pod).map((i) => i.id);
    expect(ids).toContain('containers.root');
  });
});
