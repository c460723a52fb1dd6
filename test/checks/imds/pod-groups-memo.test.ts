import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PodFacts } from '../../../src/checks/imds/facts.js';
import { identifyPods, podGroups } from '../../../src/checks/imds/pod-groups.js';

// Stable labels and the per-pod ones a controller adds, which never identify a group.
const labels = fc.dictionary(
  fc.constantFrom('app', 'tier', 'pod-template-hash', 'controller-revision-hash', 'job-name'),
  fc.constantFrom('a', 'b'),
);

const pods = fc.array(labels, { maxLength: 10 }).map((all) =>
  all.map((l, i): PodFacts => ({
    namespace: 'ns',
    name: `p${i}`,
    labels: l,
    hostNetwork: false,
  })),
);

/** The same pods with labels objects of their own (nothing worked out for them yet). */
const fresh = (list: PodFacts[]): PodFacts[] =>
  list.map((p) => ({ ...p, labels: { ...p.labels } }));

describe('pod groups worked out as pages arrive', () => {
  it('groups as the whole list grouped at once, whichever pods were identified ahead', () => {
    fc.assert(
      fc.property(pods, fc.nat(), (list, ahead) => {
        const whole = podGroups(fresh(list));
        identifyPods(list.slice(0, ahead % (list.length + 1)));
        expect(podGroups(list)).toEqual(whole);
        // Asked again (every label set now known): the same, and groups do not share labels.
        const again = podGroups(list);
        expect(again).toEqual(whole);
        for (const [i, group] of again.entries())
          expect(group.labels).not.toBe(podGroups(list)[i]!.labels);
      }),
      { numRuns: 300 },
    );
  });

  it('keys groups by the stable labels in any order', () => {
    const [one, two] = [
      {
        namespace: 'ns',
        name: 'a',
        hostNetwork: false,
        labels: { tier: 'web', app: 'shop', 'pod-template-hash': '1' },
      },
      {
        namespace: 'ns',
        name: 'b',
        hostNetwork: false,
        labels: { app: 'shop', tier: 'web', 'pod-template-hash': '2' },
      },
    ];
    identifyPods([one]);
    expect(podGroups([one, two])).toEqual([
      { labels: { app: 'shop', tier: 'web' }, pods: ['a', 'b'] },
    ]);
  });
});
