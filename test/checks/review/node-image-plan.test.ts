// A node image upgrade takes the pool's nodes as its upgrade settings say (ARM
// AgentPoolUpgradeSettings): surge nodes first with maxSurge above 0, in place (no surge, nodes
// cordoned and drained maxUnavailable at a time) with maxSurge 0. The plan says which.
import { describe, expect, it } from 'vitest';
import type { ImagePool } from '../../../src/checks/nodeimage/facts.js';
import { nodeImagePlan } from '../../../src/steps/node-image/plan.js';

const pool = (drain?: ImagePool['drain']): ImagePool => ({
  name: 'apps',
  osType: 'Linux',
  nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202505.14.0',
  latestNodeImageVersion: 'AKSUbuntu-2204gen2containerd-202506.02.0',
  provisioningState: 'Succeeded',
  count: 4,
  ...(drain ? { drain } : {}),
  nodes: ['a', 'b', 'c', 'd'].map((name) => ({ name, rebootInProgress: false })),
});

describe('the node image plan', () => {
  it('surge nodes first by default (maxSurge 10%)', () => {
    const { lines, change } = nodeImagePlan(pool(), 'aks-one');
    expect(lines.join('\n')).toMatch(/1 surge node, 1 node drained at a time/);
    expect(change).toMatch(/surge nodes first/);
  });

  it('in place with maxSurge 0: no surge node is added, and it says so', () => {
    const { lines, change } = nodeImagePlan(
      pool({ maxSurge: '0', maxUnavailable: '2' }),
      'aks-one',
    );
    const text = [...lines, change].join('\n');
    expect(text).toMatch(/in place, no surge nodes: 2 nodes cordoned and drained at a time/);
    expect(text).not.toMatch(/adds surge nodes|surge nodes first/);
  });
});
