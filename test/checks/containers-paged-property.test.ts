import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkContainers } from '../../src/checks/containers/check-containers.js';
import { podIssues, type ContainerIssue } from '../../src/checks/containers/container-rules.js';
import { PodIssueIndex } from '../../src/checks/containers/issue-index.js';
import { WorkloadFold } from '../../src/checks/containers/workload-fold.js';
import type { ContainerFacts, OwnedObject, PodObject } from '../../src/model/pods.js';

// Settings whose issues repeat across replicas and differ in severity for the same `what`
// (procMount Unmasked with and without a user namespace, root with and without one).
const securityContext = fc.record(
  {
    privileged: fc.boolean(),
    runAsUser: fc.constantFrom(0, 1000),
    allowPrivilegeEscalation: fc.boolean(),
    procMount: fc.constantFrom('Default', 'Unmasked'),
    capabilities: fc.record(
      {
        add: fc.subarray(['SYS_ADMIN', 'NET_ADMIN', 'CHOWN']),
        drop: fc.subarray(['ALL', 'NET_RAW']),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

const pod: fc.Arbitrary<PodObject> = fc
  .record({
    namespace: fc.constantFrom('shop', 'kube-system'),
    owner: fc.constantFrom('web', 'api', 'job', ''),
    hostUsers: fc.option(fc.boolean(), { nil: undefined }),
    hostNetwork: fc.boolean(),
    containers: fc.array(fc.record({ name: fc.constantFrom('app', 'side'), securityContext }), {
      minLength: 1,
      maxLength: 2,
    }),
  })
  .map((p): PodObject => ({
    metadata: {
      name: 'p',
      namespace: p.namespace,
      ...(p.owner
        ? {
            ownerReferences: [
              { kind: 'ReplicaSet', name: p.owner, uid: p.owner, controller: true },
            ],
          }
        : {}),
    },
    spec: {
      ...(p.hostUsers === undefined ? {} : { hostUsers: p.hostUsers }),
      hostNetwork: p.hostNetwork,
      containers: p.containers.map((c) => ({ ...c, ports: [{ containerPort: 80, hostPort: 80 }] })),
    },
  }));

/** The pods cut into pages at the given (sorted, deduplicated) offsets. */
function pagesOf<T>(items: T[], cuts: number[]): T[][] {
  const at = [...new Set(cuts.map((c) => c % (items.length + 1)))].sort((a, b) => a - b);
  const pages: T[][] = [];
  let from = 0;
  for (const to of [...at, items.length]) {
    pages.push(items.slice(from, to));
    from = to;
  }
  return pages;
}

/** Each workload's issues as the check read them before the index: first seen per check, container, what. */
function issuesBefore(pods: PodObject[]): ContainerIssue[] {
  const seen = new Set<string>();
  const out: ContainerIssue[] = [];
  for (const p of pods)
    for (const issue of podIssues(p)) {
      const key = `${issue.id}|${issue.container ?? ''}|${issue.what}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(issue);
    }
  return out;
}

describe('containers read page by page', () => {
  it('reviews as the whole list read at once, and as before the index, for any page split', () => {
    fc.assert(
      fc.property(
        fc
          .array(pod, { maxLength: 12 })
          .map((pods) =>
            pods.map((p, i) => ({ ...p, metadata: { ...p.metadata, name: `p${i}` } })),
          ),
        fc.array(fc.nat(), { maxLength: 4 }),
        (pods, cuts) => {
          const facts: ContainerFacts = { pods, intermediates: [], forbidden: [] };
          const whole = checkContainers(facts);
          const index = new PodIssueIndex();
          for (const page of pagesOf(pods, cuts)) index.add(page);
          const paged = checkContainers(facts, index);
          expect(paged).toEqual(whole);
          for (const review of paged.workloads)
            expect(review.issues).toEqual(issuesBefore(review.workload.pods));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gathers workloads page by page as the whole list does, wherever the owner links arrive', () => {
    // ReplicaSets owned by a Deployment (web), by nothing (api), and one not listed (job).
    const owned = (uid: string, deployment?: string): OwnedObject => ({
      metadata: {
        uid,
        ...(deployment
          ? {
              ownerReferences: [
                { kind: 'Deployment', name: deployment, uid: 'd', controller: true },
              ],
            }
          : {}),
      },
    });
    const intermediates = [owned('web', 'web'), owned('api')];
    fc.assert(
      fc.property(
        fc
          .array(pod, { maxLength: 12 })
          .map((pods) =>
            pods.map((p, i) => ({ ...p, metadata: { ...p.metadata, name: `p${i % 5}` } })),
          ),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.nat(),
        (pods, cuts, ownersAt) => {
          const facts: ContainerFacts = { pods, intermediates, forbidden: [] };
          const whole = checkContainers(facts);
          const index = new PodIssueIndex();
          const fold = new WorkloadFold(index);
          const pages = pagesOf(pods, cuts);
          pages.forEach((page, i) => {
            if (i === ownersAt % (pages.length + 1)) fold.owners(intermediates);
            index.add(page);
            fold.add(page);
          });
          if (ownersAt % (pages.length + 1) === pages.length) fold.owners(intermediates);
          expect(fold.of(facts)).toBeDefined();
          expect(checkContainers(facts, index, fold)).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is not used for facts it was not gathered from', () => {
    const [one, two] = fc.sample(pod, 2).map((p, i) => ({
      ...p,
      metadata: { ...p.metadata, name: `p${i}` },
    }));
    const index = new PodIssueIndex();
    const fold = new WorkloadFold(index);
    const intermediates: OwnedObject[] = [];
    fold.owners(intermediates);
    fold.add([one!]);
    // Other pods, another owner list, or owners never told: the check groups the facts itself.
    const facts: ContainerFacts = { pods: [one!, two!], intermediates, forbidden: [] };
    expect(fold.of(facts)).toBeUndefined();
    expect(fold.of({ pods: [one!], intermediates: [], forbidden: [] })).toBeUndefined();
    expect(new WorkloadFold(index).of({ pods: [], intermediates, forbidden: [] })).toBeUndefined();
    expect(checkContainers(facts, index, fold)).toEqual(checkContainers(facts));
  });
});
