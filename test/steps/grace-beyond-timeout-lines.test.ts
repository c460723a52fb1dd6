// AKS stops the upgrade when pods are still running after drainTimeoutInMinutes (30 by default):
// a pod whose terminationGracePeriodSeconds is longer than that may not be gone in time.
import { describe, expect, it } from 'vitest';
import { graceBeyondTimeoutLines } from '../../src/steps/upgrades/drain-truth.js';

const pod = (name: string, node: string, graceSeconds: number) => ({
  namespace: 'default',
  name,
  node,
  graceSeconds,
});

describe('pods whose grace period outlasts the drain timeout', () => {
  it('names only pods on the pool with a grace period above the default 30 minutes', () => {
    const lines = graceBeyondTimeoutLines(
      {},
      [pod('long', 'n1', 7200), pod('edge', 'n1', 1800), pod('other', 'x1', 7200)],
      new Set(['n1']),
    );
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/30-minute drain timeout/);
    expect(lines[1]).toMatch(/default\/long on n1: grace period 7200s/);
  });

  it('uses the pool drainTimeoutInMinutes', () => {
    expect(
      graceBeyondTimeoutLines(
        { drainTimeoutInMinutes: 10 },
        [pod('p', 'n1', 900)],
        new Set(['n1']),
      ),
    ).toHaveLength(2);
    expect(
      graceBeyondTimeoutLines(
        { drainTimeoutInMinutes: 60 },
        [pod('p', 'n1', 900)],
        new Set(['n1']),
      ),
    ).toEqual([]);
  });
});
