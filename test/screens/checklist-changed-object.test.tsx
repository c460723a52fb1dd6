// At 80x24 the checklist row of a changed step names the object it changed (or the version an
// upgrade went to): the title (the id names the step too) gives way first, then the middle of the
// status, never its end.
import { expect, it, vi } from 'vitest';
import { App } from '../../screens/App.js';
import { renderInk, widestLine } from '../helpers/ink.js';
import { connectedStore } from './fixtures.js';

const rowOf = (frame: string, id: string) =>
  frame.split('\n').find((line) => line.includes(` ${id} `)) ?? '';

it('the checklist names what each step changed, in full, at 80x24', async () => {
  const store = connectedStore();
  store.setStep('rbac', {
    kind: 'changed',
    what: 'created RoleBinding/payments/sam-secret-reader-group',
  });
  store.setStep('upgrades', { kind: 'changed', what: 'Control-plane upgrade to 1.32.5' });
  const ui = await renderInk(<App store={store} actions={{ onQuit: vi.fn() }} />);
  const frame = await ui.waitFor('changed: created');
  expect(frame).toContain('RoleBinding/payments/sam-secret-reader-group');
  expect(frame).toContain('1.32.5');
  expect(widestLine(frame)).toBeLessThanOrEqual(80);
  // A short status keeps the title.
  expect(rowOf(frame, 'upgrades')).toContain('Kubernetes upgrades');
});

it('a status too long for the row is cut in the middle: the object at its end stays', async () => {
  const store = connectedStore();
  const object = 'RoleBinding/payments-eu/sam-secret-reader-group';
  store.setStep('rbac', {
    kind: 'changed',
    what: `replaced user sam@contoso.example with group 1f0e2d3c in ${object}`,
  });
  const ui = await renderInk(<App store={store} actions={{ onQuit: vi.fn() }} />);
  const frame = await ui.waitFor('changed: replaced');
  expect(rowOf(frame, 'rbac')).toContain('sam-secret-reader-group');
  expect(rowOf(frame, 'rbac')).toContain('…');
  expect(widestLine(frame)).toBeLessThanOrEqual(80);
});

it('the row of a changed step that still has open findings counts them, with the worst', async () => {
  const store = connectedStore();
  store.setStep('rbac', { kind: 'changed', what: 'created ClusterRoleBinding/jordan-admins' });
  const finding = (severity: 'high' | 'medium', waived = false) => ({
    id: 'rbac.user-subject' as const,
    severity,
    message: 'm',
    ...(waived ? { waiver: { reason: 'r', owner: 'o', expires: '2099-01-01' } } : {}),
  });
  store.update({
    stepViews: { rbac: { findings: [finding('medium'), finding('high'), finding('high', true)] } },
  });
  const ui = await renderInk(<App store={store} actions={{ onQuit: vi.fn() }} />);
  const frame = await ui.waitFor('changed · 2 findings, worst high');
  expect(rowOf(frame, 'rbac')).toContain('jordan-admins');
  expect(widestLine(frame)).toBeLessThanOrEqual(80);
});
