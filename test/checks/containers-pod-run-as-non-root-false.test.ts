// A pod-level `runAsNonRoot: false` is reported even when every container sets its own
// `runAsNonRoot: true`, though the restricted standard refuses the pod-level false, and a container
// added later without its own (kubectl debug) inherits it. The same case with pod-level
// `runAsUser: 0`, seccomp or AppArmor `Unconfined` is reported (pod-defaults.ts).
import { describe, expect, it } from 'vitest';
import { podIssues } from '../../src/checks/containers/container-rules.js';
import type { PodObject } from '../../src/model/pods.js';

const hardened = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
};

const pod: PodObject = {
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    securityContext: { runAsNonRoot: false, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{ name: 'app', securityContext: hardened }],
  },
};

describe('containers: pod-level runAsNonRoot false', () => {
  // https://kubernetes.io/docs/concepts/security/pod-security-standards/ (Restricted, "Running as
  // Non-root": spec.securityContext.runAsNonRoot allowed value is true only; pod-security-admission
  // counts a pod-level false as a violation whatever the containers say).
  it('is reported as containers.root', () => {
    const ids = podIssues(pod).map((i) => i.id);
    expect(ids).toContain('containers.root');
  });
});

describe('containers: pod-level runAsNonRoot false, who says it', () => {
  it('is one low pod-level issue when every container overrides it', () => {
    const issues = podIssues(pod).filter((i) => i.id === 'containers.root');
    expect(issues.map((i) => [i.severity, i.container])).toEqual([['low', undefined]]);
    expect(issues[0]?.what).toContain('runAsNonRoot false');
  });

  it('is the container issue when a container inherits it (not said twice)', () => {
    const inherits: PodObject = {
      ...pod,
      spec: {
        ...pod.spec!,
        containers: [
          { name: 'app', securityContext: hardened },
          {
            name: 'side',
            securityContext: { ...hardened, runAsNonRoot: undefined },
          },
        ],
      },
    };
    const issues = podIssues(inherits).filter((i) => i.id === 'containers.root');
    expect(issues.map((i) => [i.what, i.container])).toEqual([['runAsNonRoot false', 'side']]);
  });

  it('passes a pod-level true', () => {
    const ok: PodObject = {
      ...pod,
      spec: { ...pod.spec!, securityContext: { ...pod.spec!.securityContext, runAsNonRoot: true } },
    };
    expect(podIssues(ok).map((i) => i.id)).toEqual([]);
  });
});
