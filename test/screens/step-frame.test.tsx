import { describe, expect, it, vi } from 'vitest';
import { StepFrame, type StepContent } from '../../screens/StepFrame.js';
import { CHECKLIST, type StepStatus } from '../../src/model/checklist.js';
import { ESC, renderInk } from '../helpers/ink.js';

const rbac = CHECKLIST.find((step) => step.id === 'rbac')!;

function renderFrame(content: StepContent = {}, status: StepStatus = { kind: 'not-started' }) {
  const callbacks = { onBack: vi.fn(), onHelp: vi.fn(), onQuit: vi.fn(), onAction: vi.fn() };
  const ui = renderInk(
    <StepFrame
      step={rbac}
      status={status}
      {...content}
      width={80}
      height={21}
      active
      {...callbacks}
    />,
  );
  return { ui, ...callbacks };
}

describe('StepFrame', () => {
  it('shows the title, status, what the step looks at and why', async () => {
    const { ui } = renderFrame({}, { kind: 'findings', count: 2 });
    const frame = (await ui).frame();
    expect(frame).toContain('! RBAC bindings (rbac) · 2 findings');
    expect(frame).toContain('Looks at: who is bound to which role');
    expect(frame).toContain('Why: Rights granted to single users');
  });

  it('says "not built yet" when the step has no content', async () => {
    const { ui } = renderFrame();
    expect((await ui).frame()).toContain('Not built yet');
  });

  it('renders findings, plan, progress and result sections from its props', async () => {
    const { ui } = renderFrame({
      findings: [
        {
          id: 'rbac.user-subject',
          severity: 'medium',
          object: { kind: 'RoleBinding', namespace: 'payments', name: 'alice-admin' },
          message: 'alice@contoso.com is bound directly.',
          remediation: 'Bind the payments-admins group instead.',
        },
      ],
      plan: ['Create RoleBinding payments/alice-admin-group'],
      progress: ['dry run accepted'],
      result: ['✔ binding replaced'],
    });
    const frame = (await ui).frame();
    expect(frame).toContain('Findings (1)');
    expect(frame).toContain('▲ MED  rbac.user-subject RoleBinding/payments/alice-admin');
    expect(frame).toContain('alice@contoso.com is bound directly.');
    expect(frame).toContain('→ Bind the payments-admins group instead.');
    expect(frame).toContain('• Create RoleBinding payments/alice-admin-group');
    expect(frame).toContain('Progress');
    expect(frame).toContain('dry run accepted');
    expect(frame).toContain('✔ binding replaced');
    expect(frame).not.toContain('Not built yet');
  });

  it('says so when a step found nothing', async () => {
    const { ui } = renderFrame({ findings: [] }, { kind: 'ok' });
    expect((await ui).frame()).toContain('✔ nothing found');
  });

  it('Esc goes back, ? asks for help, q asks to quit', async () => {
    const { ui, onBack, onHelp, onQuit } = renderFrame();
    const harness = await ui;
    await harness.press('?', 'q', ESC);
    expect(onHelp).toHaveBeenCalledOnce();
    expect(onQuit).toHaveBeenCalledOnce();
    expect(onBack).toHaveBeenCalledOnce();
  });

  it('lists the actions and passes only the keys of usable ones on', async () => {
    const { ui, onAction } = renderFrame({
      summary: ['Defender for Containers: off'],
      actions: [
        { key: 'e', label: 'Enable Defender for Containers' },
        { key: 'w', label: 'Pick a workspace', unavailable: 'no Log Analytics workspace is known' },
      ],
    });
    const harness = await ui;
    const frame = harness.frame();
    expect(frame).toContain('Defender for Containers: off');
    expect(frame).toContain('[e] Enable Defender for Containers');
    expect(frame).toContain(
      '[w] Pick a workspace — not available: no Log Analytics workspace is known',
    );
    await harness.press('w', 'x', 'e');
    expect(onAction.mock.calls).toEqual([['e']]);
  });
});
