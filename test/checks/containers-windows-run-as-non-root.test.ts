// A Windows pod (spec.os.name: windows) that sets runAsUserName but not runAsNonRoot gets
// a containers.root finding: the restricted Pod Security Standard refuses it: for Windows
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
  it('reports runAsNonRoot unset on a Windows pod that names a user', () => {
    const ids = podIssues(pod).map((i) => i.id);
    expect(ids).toContain('containers.root');
  });
});

describe('containers: Windows pods with runAsNonRoot', () => {
  const withContainer = (sc: object): PodObject => ({
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      os: { name: 'windows' },
      securityContext: { windowsOptions: { runAsUserName: 'ContainerUser' } },
      containers: [{ name: 'app', securityContext: sc }],
    },
  });

  it('passes runAsNonRoot true (pod or container) and reports false', () => {
    expect(podIssues(withContainer({ runAsNonRoot: true })).map((i) => i.id)).toEqual([]);
    const off = podIssues(withContainer({ runAsNonRoot: false }));
    expect(off.map((i) => [i.id, i.severity, i.what])).toEqual([
      [
        'containers.root',
        'low',
        'runAsNonRoot false (runAsUserName ContainerUser is not checked without it)',
      ],
    ]);
  });
});
