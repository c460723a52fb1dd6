import { describe, expect, it } from 'vitest';
import type { V1PodDisruptionBudget } from '@kubernetes/client-node';
import { pdbStatusBehind } from '../../src/kube/pdb-status.js';
import { toDrainPdb } from '../../src/steps/drain/facts.js';

const pdb = (generation: number | undefined, observedGeneration: number | undefined) =>
  ({
    metadata: { name: 'web', namespace: 'shop', ...(generation ? { generation } : {}) },
    spec: { maxUnavailable: 0, selector: { matchLabels: { app: 'web' } } },
    status: {
      ...(observedGeneration ? { observedGeneration } : {}),
      disruptionsAllowed: 2,
      currentHealthy: 3,
      desiredHealthy: 1,
      expectedPods: 3,
    },
  }) as V1PodDisruptionBudget;

describe('a budget whose status trails its spec', () => {
  it('keeps its allowed disruptions when the controller has seen the latest spec', () => {
    expect(pdbStatusBehind(pdb(3, 3))).toBe(false);
    expect(toDrainPdb(pdb(3, 3))).toMatchObject({ disruptionsAllowed: 2 });
    expect(toDrainPdb(pdb(3, 3)).statusBehind).toBeUndefined();
  });

  it('counts as allowing none, and says so, while observedGeneration is below generation', () => {
    expect(toDrainPdb(pdb(3, 2))).toMatchObject({ disruptionsAllowed: 0, statusBehind: true });
  });

  it('is behind when the controller has not written an observedGeneration at all', () => {
    expect(toDrainPdb(pdb(1, undefined))).toMatchObject({
      disruptionsAllowed: 0,
      statusBehind: true,
    });
  });
});
