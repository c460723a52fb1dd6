// With undrainableNodeBehavior Cordon, AKS ends the upgrade Failed only when it had enough surge
// nodes to stand in for every blocked node; otherwise the operation and the cluster end Canceled
// (AKS API reference, AgentPoolUpgradeSettings.undrainableNodeBehavior, value Cordon: "If there
// are enough surge nodes to replace blocked nodes, then the upgrade operation and the managed
// cluster will be in failed state. Otherwise, the upgrade operation and the managed cluster will be
// in canceled state."; kubernetes.md §3: "Failed (Canceled if surge ran out)"). The pool upgrade
// and node image confirmations, and the stall countdown, say it "ends the upgrade Failed" always.
import { describe, expect, it } from 'vitest';
import { aksDrainLine } from '../../src/steps/upgrades/drain-truth.js';
import { afterTimeout } from '../../src/steps/rotation/estimate.js';

describe('what AKS does with a node it cannot drain, under undrainableNodeBehavior Cordon', () => {
  it('names the Canceled ending when surge nodes run out, not Failed alone', () => {
    const line = afterTimeout({ drainTimeoutMinutes: 30, undrainable: 'Cordon' });
    expect(line).toMatch(/Canceled/i);
    expect(aksDrainLine({ undrainableNodeBehavior: 'Cordon' })).toMatch(/Canceled/i);
  });
});
