import { describe, expect, it } from 'vitest';
import { shownStatuses, statusLook } from '../../screens/step-status.js';
import { STEP_IDS, type StepId, type StepStatus } from '../../src/model/checklist.js';
import type { RunningOperation } from '../../src/model/operation.js';

const steps = Object.fromEntries(
  STEP_IDS.map((id) => [id, { kind: 'findings', count: 2 }]),
) as Record<StepId, StepStatus>;
const op = (extra: Partial<RunningOperation> = {}): RunningOperation => ({
  resource: { kind: 'pool', name: 'apps' },
  what: 'Upgrade of pool apps to 1.32.5',
  since: 0,
  sinceKnown: true,
  by: 'this session',
  step: 'upgrades',
  armState: 'Upgrading',
  phase: 'running',
  nodes: [],
  ...extra,
});

describe('the row of a step whose Azure operation runs', () => {
  it('says it runs, and what, while it runs; the other rows are as they were', () => {
    const shown = shownStatuses(steps, op());
    expect(statusLook(shown.upgrades).text).toBe('running: Upgrade of pool apps to 1.32.5');
    expect(shown['node-image']).toEqual(steps['node-image']);
    expect(statusLook(shownStatuses(steps, op({ phase: 'canceling' })).upgrades).text).toBe(
      'running: Upgrade of pool apps to 1.32.5 (being aborted)',
    );
  });

  it('is its own status again once the operation ended, failed, or is no longer followed', () => {
    for (const phase of ['succeeded', 'failed', 'canceled', 'unknown'] as const)
      expect(shownStatuses(steps, op({ phase })).upgrades).toEqual(steps.upgrades);
  });

  it('an operation started elsewhere is no step of this session: only the header says it', () => {
    const { step: _none, ...elsewhere } = op({ by: 'elsewhere' });
    expect(shownStatuses(steps, elsewhere)).toEqual(steps);
  });
});
