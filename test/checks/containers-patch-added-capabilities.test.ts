import { describe, expect, it } from 'vitest';
import { checkContainers } from '../../src/checks/containers/check-containers.js';
import { patchFileYaml, suggestedPatch } from '../../src/checks/containers/patch.js';
import type { PodObject } from '../../src/model/pods.js';

// Pod Security Standards, baseline "Capabilities" (kubernetes.io/docs/concepts/security/pod-security-standards/):
// only the listed capabilities may be added; restricted allows NET_BIND_SERVICE alone. A strategic
// merge patch that sets `capabilities: {drop: [ALL]}` keeps `capabilities.add` as stored, and the
// runtime adds it back after dropping ALL, so the suggested patch leaves SYS_ADMIN in place.
describe('the suggested patch for a (non-privileged) container that adds SYS_ADMIN', () => {
  it('says that SYS_ADMIN must be removed from capabilities.add', () => {
    const pod: PodObject = {
      metadata: { name: 'p', namespace: 'shop' },
      spec: {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [
          {
            name: 'app',
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { add: ['SYS_ADMIN'], drop: ['ALL'] },
            },
          },
        ],
      },
    };
    const [review] = checkContainers({ pods: [pod], intermediates: [], forbidden: [] }).workloads;
    expect(review!.issues.map((i) => i.what)).toContain(
      'adds SYS_ADMIN (escalation always allowed)',
    );
    const lines = suggestedPatch(review!);
    // drop: [ALL] alone is a no-op here: the added names must be taken out by a person.
    expect(lines.some((l) => l.includes('capabilities.add') && l.includes('SYS_ADMIN'))).toBe(true);
  });
});

describe('a container adding capabilities of several severities', () => {
  it('gets one note naming every added capability, in the lines and in the exported file', () => {
    const pod: PodObject = {
      metadata: { name: 'p', namespace: 'shop' },
      spec: {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [
          {
            name: 'app',
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { add: ['SYS_ADMIN', 'NET_ADMIN', 'CHOWN', 'NET_BIND_SERVICE'] },
            },
          },
        ],
      },
    };
    const [review] = checkContainers({ pods: [pod], intermediates: [], forbidden: [] }).workloads;
    const note = "# also: remove from app's capabilities.add: SYS_ADMIN, NET_ADMIN, CHOWN";
    expect(suggestedPatch(review!).filter((l) => l.includes('capabilities.add'))).toEqual([
      `  ${note}`,
    ]);
    expect(patchFileYaml([review!], 'c')).toContain(note);
  });
});
