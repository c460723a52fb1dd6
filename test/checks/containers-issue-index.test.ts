import { describe, expect, it } from 'vitest';
import { checkContainers } from '../../src/checks/containers/check-containers.js';
import { PodIssueIndex } from '../../src/checks/containers/issue-index.js';
import { suggestedPatch } from '../../src/checks/containers/patch.js';
import type { ContainerFacts, PodObject } from '../../src/model/pods.js';

/** A replica of `owner` (a ReplicaSet) whose container has `sc` as its securityContext. */
function replica(name: string, owner: string, sc: object, hostPath?: string): PodObject {
  return {
    metadata: {
      name,
      namespace: 'shop',
      ownerReferences: [{ kind: 'ReplicaSet', name: owner, uid: owner, controller: true }],
    },
    spec: {
      containers: [{ name: 'app', securityContext: sc }],
      ...(hostPath ? { volumes: [{ name: 'h', hostPath: { path: hostPath } }] } : {}),
    },
  };
}

const facts: ContainerFacts = {
  pods: [
    replica('web-1', 'web-a', { privileged: true }),
    replica('api-1', 'api-b', { runAsUser: 0, capabilities: { add: ['SYS_ADMIN'] } }, '/etc'),
    replica('web-2', 'web-a', { privileged: true }, '/var/log'),
    replica('api-2', 'api-b', { runAsUser: 0, capabilities: { add: ['SYS_ADMIN'] } }, '/etc'),
    replica('web-3', 'web-a', { allowPrivilegeEscalation: false }),
  ],
  intermediates: [],
  forbidden: [],
};

describe('PodIssueIndex', () => {
  it('gives the same review whether the pods were read ahead, page by page, or not at all', () => {
    const plain = checkContainers(facts);
    const index = new PodIssueIndex();
    index.add(facts.pods.slice(0, 2));
    index.add(facts.pods.slice(2));
    expect(checkContainers(facts, index)).toEqual(plain);
    // A pod it was never handed is read when asked.
    const partial = new PodIssueIndex();
    partial.add(facts.pods.slice(0, 1));
    expect(checkContainers(facts, partial)).toEqual(plain);
  });

  it('keeps one object per distinct issue across pods', () => {
    const index = new PodIssueIndex();
    index.add(facts.pods);
    const [a, b] = [index.issuesOf(facts.pods[1]!), index.issuesOf(facts.pods[3]!)];
    expect(a.length).toBeGreaterThan(0);
    a.forEach((issue, i) => expect(b[i]).toBe(issue));
  });
});

describe('suggestedPatch with the YAML of templates kept between workloads', () => {
  it('writes the same lines as without, for every workload', () => {
    const reviews = checkContainers(facts).workloads;
    const bodies = new Map<string, string[]>();
    for (const review of [...reviews, ...reviews])
      expect(suggestedPatch(review, bodies)).toEqual(suggestedPatch(review));
    expect(bodies.size).toBeGreaterThan(0);
  });
});
