// `A` (accept a risk) after a `/` filter of the step's findings offers only the findings the filter
// shows, in the order shown: Enter picks the finding on screen, not one the filter hid. (Found by
// the wt/56 review: the form was for the first finding of the step, on another object.)
import { expect, it, vi } from 'vitest';
import { AcceptRiskContext, type AcceptRisk } from '../../screens/accept-risk-context.js';
import { StepFrame } from '../../screens/StepFrame.js';
import { CHECKLIST } from '../../src/model/checklist.js';
import type { Finding } from '../../src/model/finding.js';
import { ENTER, renderInk } from '../helpers/ink.js';

const step = CHECKLIST.find((s) => s.id === 'containers')!;
const finding = (name: string, id: Finding['id'], severity: Finding['severity']): Finding => ({
  id,
  severity,
  object: { kind: 'Deployment', namespace: 'shop', name },
  message: `${name}: ${id}`,
});

it('A after a findings filter picks among the findings shown', async () => {
  const findings = [
    finding('payments-api', 'containers.privileged', 'high'),
    finding('log-shipper', 'containers.root', 'medium'),
  ];
  const risk: AcceptRisk = {
    file: '/tmp/waivers.yaml',
    maxDays: 180,
    suggested: '2027-03-01',
    latest: '2027-06-01',
    accept: vi.fn(),
  };
  const ui = await renderInk(
    <AcceptRiskContext.Provider value={risk}>
      <StepFrame
        step={step}
        status={{ kind: 'findings', count: 2, worst: 'high' }}
        findings={findings}
        width={80}
        height={21}
        active
        onBack={vi.fn()}
        onHelp={vi.fn()}
        onQuit={vi.fn()}
      />
    </AcceptRiskContext.Provider>,
  );
  await ui.press('/');
  await ui.type('log-shipper');
  await ui.press(ENTER);
  await ui.waitFor((f) => !f.includes('payments-api'));
  await ui.press('A');
  await ui.waitFor('Which finding?');
  const picker = ui.frame();
  expect(picker).not.toContain('payments-api');
  await ui.press(ENTER);
  const form = await ui.waitFor('why is it accepted');
  // The form names the finding it will waive: the one the filter showed.
  expect(form).toContain('log-shipper');
});
