import { describe, expect, it } from 'vitest';
import { STEP_IDS, type StepId, type StepStatus } from '../../src/model/checklist.js';
import type { Finding } from '../../src/model/finding.js';
import { summaryStatus } from '../../src/runbook/summary-status.js';
import { SessionStore } from '../../src/runbook/session.js';
import type { StepView } from '../../src/steps/contract/view.js';

const ok = (): Record<StepId, StepStatus> =>
  Object.fromEntries(STEP_IDS.map((id) => [id, { kind: 'ok' }])) as Record<StepId, StepStatus>;
const finding = (severity: Finding['severity'], waived = false): Finding => ({
  id: 'rbac.user-subject',
  severity,
  message: 'm',
  ...(waived ? { waiver: { reason: 'r', owner: 'o', expires: '2099-01-01' } } : {}),
});

describe('the Summary row reflects the worst state it sums up', () => {
  it('is ok only when every other step is ok', () => {
    expect(summaryStatus(ok(), {})).toEqual({ kind: 'ok' });
  });

  it('counts every finding and names the worst severity not waived', () => {
    const steps = ok();
    steps.rbac = { kind: 'findings', count: 2 };
    steps.drain = { kind: 'findings', count: 1 };
    const views: Partial<Record<StepId, StepView>> = {
      rbac: { findings: [finding('low'), finding('high', true)] },
      drain: { findings: [finding('medium')] },
    };
    expect(summaryStatus(steps, views)).toEqual({ kind: 'findings', count: 3, worst: 'medium' });
  });

  it('puts a failed change above findings and a step that could not look above findings', () => {
    const steps = ok();
    steps.rbac = { kind: 'findings', count: 2 };
    steps.defender = { kind: 'unavailable', why: 'forbidden' };
    expect(summaryStatus(steps, {})).toEqual({
      kind: 'unavailable',
      why: 'defender could not look',
    });
    steps.drain = { kind: 'failed', what: 'Drain' };
    expect(summaryStatus(steps, {})).toEqual({ kind: 'failed', what: 'a change on drain' });
  });

  it('counts the open findings of a step that made a change, and their worst severity', () => {
    // After half a replacement (group binding created, the user's removal declined) the rbac
    // step still shows its high finding: the row must not read "1 finding, worst low".
    const steps = ok();
    steps.rbac = { kind: 'changed', what: 'created ClusterRoleBinding/jordan-cluster-admin-group' };
    steps.drain = { kind: 'findings', count: 1 };
    const views: Partial<Record<StepId, StepView>> = {
      rbac: { findings: [finding('medium'), finding('high'), finding('high', true)] },
      drain: { findings: [finding('low')] },
    };
    expect(summaryStatus(steps, views)).toEqual({ kind: 'findings', count: 3, worst: 'high' });
  });

  it('says a change was made when nothing worse is left', () => {
    const steps = ok();
    steps.imds = { kind: 'changed', what: 'Blocked the endpoint' };
    expect(summaryStatus(steps, {})).toEqual({ kind: 'changed', what: 'imds' });
  });

  // Steps skipped or looking: the row says running, not ok or a count that is not final yet.
  it.each<[string, StepStatus]>([
    ['running', { kind: 'running' }],
    ['not started', { kind: 'not-started' }],
  ])('is running, not ok or a count, while a step is %s', (_what, status) => {
    const steps = ok();
    steps.rbac = status;
    expect(summaryStatus(steps, {})).toEqual({ kind: 'running' });
    steps.drain = { kind: 'findings', count: 2 };
    expect(summaryStatus(steps, {})).toEqual({ kind: 'running' });
    steps.defender = { kind: 'unavailable', why: 'forbidden' };
    expect(summaryStatus(steps, {}).kind).toBe('unavailable');
  });

  it('leaves out a step listed only when relevant that never started (fleet)', () => {
    const steps = ok();
    steps.fleet = { kind: 'not-started' };
    expect(summaryStatus(steps, {})).toEqual({ kind: 'ok' });
    steps.fleet = { kind: 'running' };
    expect(summaryStatus(steps, {})).toEqual({ kind: 'running' });
  });

  it('the session store keeps the row current once the Summary has looked', () => {
    const store = new SessionStore({ readOnly: false, dryRun: false, demo: true });
    for (const id of STEP_IDS) store.setStep(id, { kind: 'ok' });
    store.setStep('summary', { kind: 'ok' });
    store.setStep('drain', { kind: 'findings', count: 2 });
    store.update({ stepViews: { drain: { findings: [finding('medium'), finding('low')] } } });
    expect(store.getState().steps.summary).toEqual({ kind: 'findings', count: 2, worst: 'medium' });
    store.setStep('drain', { kind: 'failed', what: 'Drain' });
    expect(store.getState().steps.summary).toEqual({ kind: 'failed', what: 'a change on drain' });
  });

  it('the session store moves the row from running to the verdict once the last step has looked', () => {
    const store = new SessionStore({ readOnly: false, dryRun: false, demo: true });
    for (const id of STEP_IDS) store.setStep(id, { kind: 'ok' });
    store.setStep('rbac', { kind: 'running' });
    expect(store.getState().steps.summary).toEqual({ kind: 'running' });
    store.setStep('rbac', { kind: 'ok' });
    expect(store.getState().steps.summary).toEqual({ kind: 'ok' });
  });
});
