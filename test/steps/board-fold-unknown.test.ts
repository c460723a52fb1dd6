// The board's fold of an ARM read into this session's operation whose answer was lost: ARM's word
// decides, but a settled state is only its end once ARM had accepted it.
import { describe, expect, it } from 'vitest';
import type { RunningOperation } from '../../src/model/operation.js';
import { foldArm, type ArmStates } from '../../src/steps/rotation/board-fold.js';

const lost: RunningOperation = {
  resource: { kind: 'pool', name: 'apps' },
  what: 'Upgrade of pool apps to 1.32.5',
  since: 1_000,
  sinceKnown: true,
  by: 'this session',
  armState: 'sent',
  phase: 'unknown',
  nodes: [],
};
const arm = (apps: string): ArmStates => ({
  cluster: { name: 'aks', state: 'Succeeded' },
  pools: [
    { name: 'system', state: 'Succeeded' },
    { name: 'apps', state: apps },
  ],
});

describe('foldArm after an unknown outcome', () => {
  it('ARM shows it running: it is this session’s operation again, running', () => {
    expect(foldArm(lost, arm('Upgrading'), 5_000)).toMatchObject({
      what: lost.what,
      by: 'this session',
      sinceKnown: true,
      phase: 'running',
      armState: 'Upgrading',
    });
  });

  it('ARM shows it canceling: canceling', () => {
    expect(foldArm(lost, arm('Canceling'), 5_000)?.phase).toBe('canceling');
  });

  it.each([
    ['Succeeded', 'succeeded'],
    ['Failed', 'failed'],
    ['Canceled', 'canceled'],
  ] as const)('accepted, then ARM settled %s: that is its end', (state, phase) => {
    expect(foldArm(lost, arm(state), 5_000)).toMatchObject({
      phase,
      armState: state,
      endedAt: 5_000,
    });
  });

  it('never answered, ARM settled: still unknown (it may never have run)', () => {
    const unanswered = { ...lost, unanswered: true as const };
    expect(foldArm(unanswered, arm('Succeeded'), 5_000)).toEqual(unanswered);
  });

  it('never answered, ARM shows it running: running, no longer unanswered', () => {
    const op = foldArm({ ...lost, unanswered: true }, arm('Upgrading'), 5_000);
    expect(op).toMatchObject({ phase: 'running', by: 'this session' });
    expect(op?.unanswered).toBeUndefined();
  });
});
