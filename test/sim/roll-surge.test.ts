// The simulated AKS's surge batch: a percentage maxSurge is that share of the pool's nodes rounded
// up (ARM AgentPoolUpgradeSettings), in whole nodes: 55% of 100 nodes is 55, not 56.
import { describe, expect, it } from 'vitest';
import { batchCount, surgeCount } from '../../src/sim/arm/roll.js';

describe('simulated surge count', () => {
  it('rounds a percentage up exactly, with at least one node', () => {
    expect(surgeCount('55%', 100)).toBe(55);
    expect(surgeCount('28%', 25)).toBe(7);
    expect(surgeCount('33%', 10)).toBe(4);
    expect(surgeCount(undefined, 25)).toBe(3);
    expect(surgeCount('1%', 3)).toBe(1);
    expect(surgeCount(2, 5)).toBe(2);
  });

  // maxSurge 0 upgrades in place (AKS rolling upgrade article): no surge node, maxUnavailable
  // nodes drained at once.
  it('surges no node with maxSurge 0 and drains maxUnavailable at a time', () => {
    expect(surgeCount('0', 3)).toBe(0);
    expect(surgeCount(0, 3)).toBe(0);
    expect(batchCount({ maxSurge: '0', maxUnavailable: '2' }, 5)).toBe(2);
    expect(batchCount({ maxSurge: '0', maxUnavailable: '50%' }, 5)).toBe(3);
    expect(batchCount({ maxSurge: '0' }, 5)).toBe(1);
    expect(batchCount({ maxSurge: '2', maxUnavailable: '3' }, 5)).toBe(2);
  });
});
