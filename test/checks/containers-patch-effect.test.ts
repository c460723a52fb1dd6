import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkContainers } from '../../src/checks/containers/check-containers.js';
import { podIssues } from '../../src/checks/containers/container-rules.js';
import { patchFileYaml, suggestedPatch } from '../../src/checks/containers/patch.js';
import type { PodObject } from '../../src/model/pods.js';

// A suggested patch must clear what it is suggested for. Written from the API reference: a
// container's own securityContext field beats the pod's, so a pod-level value cannot undo a
// container's own Unconfined or runAsNonRoot false; and the API server refuses a pod whose
// seccomp or AppArmor annotation disagrees with the field of the same level.

type Json = Record<string, unknown>;

/** A strategic merge patch as the API server applies it to these fields: maps merge, a null deletes, containers merge by name. */
function merge(target: unknown, patch: unknown): unknown {
  if (patch === null) return undefined;
  if (Array.isArray(patch)) {
    if (!Array.isArray(target) || !patch.every((p) => typeof (p as Json)?.name === 'string'))
      return patch;
    const out = [...(target as Json[])];
    for (const p of patch as Json[]) {
      const i = out.findIndex((t) => t.name === p.name);
      if (i >= 0) out[i] = merge(out[i], p) as Json;
      else out.push(p);
    }
    return out;
  }
  if (typeof patch !== 'object' || typeof target !== 'object' || target === null) return patch;
  const out: Json = { ...(target as Json) };
  for (const [k, v] of Object.entries(patch as Json)) {
    const merged = merge(out[k], v);
    if (merged === undefined) delete out[k];
    else out[k] = merged;
  }
  return out;
}

/** The pod after the workload's exported patch: its template's metadata and spec patched. */
function patched(pod: PodObject): PodObject {
  const review = checkContainers({ pods: [pod], intermediates: [], forbidden: [] }).workloads[0]!;
  const doc = parse(patchFileYaml([review], 'aks-test').split('\n---\n')[1]!) as Json;
  const spec = doc.spec as Json;
  return {
    metadata: merge(
      pod.metadata,
      (doc.metadata as Json).annotations ? { annotations: (doc.metadata as Json).annotations } : {},
    ) as PodObject['metadata'],
    spec: merge(pod.spec, spec) as PodObject['spec'],
  };
}

/** The seccomp and AppArmor annotations that disagree with their field (the API server refuses such a pod). */
function disagreements(pod: PodObject): string[] {
  const notes = pod.metadata?.annotations ?? {};
  const meaning = (note: string) =>
    note === 'unconfined'
      ? 'Unconfined'
      : note.startsWith('localhost/')
        ? 'Localhost'
        : 'RuntimeDefault';
  const out: string[] = [];
  const check = (key: string, type: string | undefined) => {
    const note = notes[key];
    if (note !== undefined && type !== undefined && meaning(note) !== type) out.push(key);
  };
  check(
    'seccomp.security.alpha.kubernetes.io/pod',
    pod.spec?.securityContext?.seccompProfile?.type,
  );
  for (const c of pod.spec?.containers ?? []) {
    check(
      `container.seccomp.security.alpha.kubernetes.io/${c.name}`,
      c.securityContext?.seccompProfile?.type,
    );
    check(
      `container.apparmor.security.beta.kubernetes.io/${c.name}`,
      c.securityContext?.appArmorProfile?.type,
    );
  }
  return out;
}

const hardened = {
  allowPrivilegeEscalation: false,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
};

function bare(container: Json, annotations: Record<string, string> = {}): PodObject {
  return {
    metadata: { name: 'p', namespace: 'shop', annotations },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'app', ...container }],
    },
  };
}

describe('an exported patch clears what it is suggested for', () => {
  it.each<[string, PodObject]>([
    [
      'a container-level seccomp Unconfined',
      bare({ securityContext: { ...hardened, seccompProfile: { type: 'Unconfined' } } }),
    ],
    [
      'a container-level runAsNonRoot false',
      bare({ securityContext: { ...hardened, runAsNonRoot: false } }),
    ],
    [
      'a container-level runAsUser 0 with runAsNonRoot false',
      bare({ securityContext: { ...hardened, runAsUser: 0, runAsNonRoot: false } }),
    ],
    [
      'a container seccomp annotation unconfined',
      bare(
        { securityContext: hardened },
        { 'container.seccomp.security.alpha.kubernetes.io/app': 'unconfined' },
      ),
    ],
    [
      'a container AppArmor annotation unconfined',
      bare(
        { securityContext: hardened },
        { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' },
      ),
    ],
  ])('%s', (_, pod) => {
    expect(podIssues(pod).length).toBeGreaterThan(0);
    const after = patched(pod);
    expect(podIssues(after).map((i) => `${i.id}: ${i.what}`)).toEqual([]);
    expect(disagreements(after)).toEqual([]);
  });

  it('a container with runAsUser 0 and its own runAsNonRoot false: both are fixed', () => {
    // The issue reads 'runAsUser 0'; the container's own false would still beat the pod's true.
    const pod = bare({ securityContext: { ...hardened, runAsUser: 0, runAsNonRoot: false } });
    const sc = patched(pod).spec?.containers[0]?.securityContext;
    expect(sc?.runAsNonRoot).toBe(true);
    expect(sc?.runAsUser).not.toBe(0);
  });

  it('a pod-level seccomp annotation unconfined: the patched pod is not refused', () => {
    const pod: PodObject = {
      metadata: {
        name: 'p',
        namespace: 'shop',
        annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' },
      },
      spec: {
        securityContext: { runAsNonRoot: true },
        containers: [{ name: 'app', securityContext: hardened }],
      },
    };
    const after = patched(pod);
    expect(podIssues(after)).toEqual([]);
    expect(disagreements(after)).toEqual([]);
  });
});

describe('the stale annotation in a workload patch', () => {
  it('is deleted beside the pod template spec, and named in the pasted lines', () => {
    const pod: PodObject = {
      ...bare(
        { securityContext: hardened },
        { 'container.seccomp.security.alpha.kubernetes.io/app': 'unconfined' },
      ),
      metadata: {
        name: 'web-abc',
        namespace: 'shop',
        annotations: { 'container.seccomp.security.alpha.kubernetes.io/app': 'unconfined' },
        ownerReferences: [{ kind: 'ReplicaSet', name: 'web-5d', uid: 'rs', controller: true }],
      },
    };
    const review = checkContainers({
      pods: [pod],
      intermediates: [
        {
          metadata: {
            name: 'web-5d',
            namespace: 'shop',
            uid: 'rs',
            ownerReferences: [{ kind: 'Deployment', name: 'web', uid: 'd', controller: true }],
          },
        },
      ],
      forbidden: [],
    }).workloads[0]!;
    const doc = parse(patchFileYaml([review], 'aks-test').split('\n---\n')[1]!) as Json;
    expect(doc).toMatchObject({
      spec: {
        template: {
          metadata: { annotations: { 'container.seccomp.security.alpha.kubernetes.io/app': null } },
          spec: {
            containers: [
              { name: 'app', securityContext: { seccompProfile: { type: 'RuntimeDefault' } } },
            ],
          },
        },
      },
    });
    expect(suggestedPatch(review).join('\n')).toContain(
      'remove the annotation container.seccomp.security.alpha.kubernetes.io/app from spec.template.metadata',
    );
  });
});

describe('what an exported patch leaves alone', () => {
  it("a pod-level Localhost profile stays when one container's own Unconfined is fixed", () => {
    const pod: PodObject = {
      metadata: { name: 'p', namespace: 'shop' },
      spec: {
        securityContext: {
          runAsNonRoot: true,
          seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/strict.json' },
        },
        containers: [
          { name: 'app', securityContext: hardened },
          {
            name: 'sidecar',
            securityContext: { ...hardened, seccompProfile: { type: 'Unconfined' } },
          },
        ],
      },
    };
    const after = patched(pod);
    expect(after.spec?.securityContext?.seccompProfile).toEqual({
      type: 'Localhost',
      localhostProfile: 'profiles/strict.json',
    });
    expect(podIssues(after)).toEqual([]);
  });
});
