import { describe, expect, it, vi } from 'vitest';
import { StepFrame } from '../../screens/StepFrame.js';
import { CHECKLIST } from '../../src/model/checklist.js';
import type { Finding, FindingId, Severity } from '../../src/model/finding.js';
import { ENTER, ESC, renderInk, widestLine } from '../helpers/ink.js';

const containers = CHECKLIST.find((step) => step.id === 'containers')!;

/** Like the demo's containers step: several checks per workload, 17 findings in all. */
const CHECKS: [FindingId, Severity][] = [
  ['containers.privileged', 'high'],
  ['containers.root', 'medium'],
  ['containers.privilege-escalation', 'medium'],
  ['containers.seccomp', 'low'],
  ['containers.apparmor', 'low'],
];
const WORKLOADS = ['log-shipper', 'storefront', 'checkout', 'cart'];
const MANY: Finding[] = WORKLOADS.flatMap((name, w) =>
  CHECKS.slice(w === 0 ? 0 : 1).map(([id, severity]) => ({
    id,
    severity,
    object: { kind: 'Deployment', namespace: w === 0 ? 'monitoring' : 'shop', name },
    message: `${name}: ${id.replace('containers.', '')} is not locked down in its pod template.`,
    remediation: 'Set the suggested securityContext.',
  })),
);

function renderFindings(findings: readonly Finding[]) {
  const onBack = vi.fn();
  const ui = renderInk(
    <StepFrame
      step={containers}
      status={{ kind: 'findings', count: findings.length }}
      findings={findings}
      width={80}
      height={21}
      active
      onBack={onBack}
      onHelp={vi.fn()}
      onQuit={vi.fn()}
    />,
  );
  return { ui, onBack };
}

const lineWith = (frame: string, text: string) =>
  frame.split('\n').find((line) => line.includes(text)) ?? '';

describe('StepFrame findings: grouped, sorted, filtered', () => {
  it('folds many findings into one header per workload, worst first, with counts and symbols', async () => {
    const { ui } = renderFindings(MANY);
    const frame = (await ui).frame();
    expect(MANY).toHaveLength(17);
    expect(frame).toContain('Findings (17) · sort: severity');
    expect(frame).toContain(
      '▸ ▲ HIGH Deployment/monitoring/log-shipper · 5 findings: 1 high, 2 medium, 2 low',
    );
    expect(frame).toContain('▸ ▲ MED  Deployment/shop/cart · 4 findings: 2 medium, 2 low');
    expect(frame.indexOf('log-shipper')).toBeLessThan(frame.indexOf('shop/cart'));
    // Folded, every group fits on the 80x24 screen at once.
    for (const name of WORKLOADS) expect(frame).toContain(name);
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
  });

  it('z opens the groups (findings under their header, object not repeated) and folds them again', async () => {
    const { ui } = renderFindings(MANY);
    const harness = await ui;
    await harness.press('z');
    let frame = await harness.waitFor('▾ ▲ HIGH Deployment/monitoring/log-shipper');
    expect(frame).toMatch(/^ {2}▲ HIGH containers\.privileged\s*$/m);
    expect(frame).toContain('log-shipper: privileged is not locked down');
    expect(frame).toMatch(/lines 1–\d+ of \d+/);
    await harness.press('z');
    frame = await harness.waitFor('▸ ▲ HIGH Deployment/monitoring/log-shipper');
    expect(frame).not.toContain('▾');
  });

  it('s cycles the sort: severity, id, object', async () => {
    const { ui } = renderFindings(MANY);
    const harness = await ui;
    await harness.press('s');
    let frame = await harness.waitFor('sort: id');
    // By id, the group holding containers.apparmor comes first (all but one group do; then by name).
    expect(frame.indexOf('Deployment/monitoring/log-shipper')).toBeLessThan(
      frame.indexOf('Deployment/shop/cart'),
    );
    await harness.press('s');
    frame = await harness.waitFor('sort: object');
    expect(frame.indexOf('Deployment/shop/cart')).toBeLessThan(
      frame.indexOf('Deployment/shop/storefront'),
    );
    expect(frame.indexOf('Deployment/monitoring/log-shipper')).toBeLessThan(
      frame.indexOf('Deployment/shop/cart'),
    );
    await harness.press('s');
    await harness.waitFor('sort: severity');
  });

  it('/ filters on id, object and message; Enter keeps it, Esc clears it, a second Esc goes back', async () => {
    const { ui, onBack } = renderFindings(MANY);
    const harness = await ui;
    await harness.press('/');
    await harness.waitFor('/ filter findings ›');
    await harness.type('storefront');
    let frame = await harness.waitFor('Findings (4 of 17)');
    expect(frame).not.toContain('log-shipper');
    // Four findings fit: the one group opens by itself.
    expect(frame).toContain('▾ ▲ MED  Deployment/shop/storefront');
    await harness.press(ENTER);
    frame = await harness.waitFor('filter: storefront');
    expect(frame).not.toContain('/ filter findings ›');
    await harness.press(ESC);
    frame = await harness.waitFor('Findings (17)');
    expect(frame).not.toContain('filter:');
    expect(onBack).not.toHaveBeenCalled();
    await harness.press('/');
    await harness.type('apparmor');
    await harness.waitFor('Findings (4 of 17)');
    await harness.press(ESC);
    await harness.waitFor('Findings (17)');
    expect(onBack).not.toHaveBeenCalled();
    await harness.press(ESC);
    expect(onBack).toHaveBeenCalledOnce();
  });

  it('says so when nothing matches the filter', async () => {
    const { ui } = renderFindings(MANY);
    const harness = await ui;
    await harness.press('/');
    await harness.type('no-such-thing');
    expect(await harness.waitFor('Findings (0 of 17)')).toContain(
      'No finding matches "no-such-thing" (Esc clears the filter).',
    );
  });

  it('groups rbac findings by subject, naming the binding on each finding', async () => {
    const binding = (name: string) => ({ kind: 'ClusterRoleBinding', name });
    const { ui } = renderFindings([
      {
        id: 'rbac.user-subject',
        severity: 'medium',
        object: binding('jordan-admin'),
        subject: 'User jordan@contoso.com',
        message: 'bound directly',
      },
      {
        id: 'rbac.cluster-admin',
        severity: 'high',
        object: binding('jordan-admin'),
        subject: 'User jordan@contoso.com',
        message: 'full control',
      },
      {
        id: 'rbac.secrets-read',
        severity: 'high',
        object: binding('reader'),
        subject: 'Group ops',
        message: 'reads secrets',
      },
    ]);
    const frame = (await ui).frame();
    expect(frame).toContain('▾ ▲ HIGH User jordan@contoso.com · 2 findings: 1 high, 1 medium');
    expect(lineWith(frame, 'rbac.cluster-admin')).toMatch(
      /^ {2}▲ HIGH rbac\.cluster-admin ClusterRoleBinding\/jordan-admin/,
    );
    // A group of one is its finding alone.
    expect(frame).toContain('▲ HIGH rbac.secrets-read ClusterRoleBinding/reader');
    expect(frame).not.toContain('Group ops ·');
  });
});
