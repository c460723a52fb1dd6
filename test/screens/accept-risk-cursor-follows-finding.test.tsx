// The accept-risk picker's cursor is on a finding, not a row: when a look changes the list under
// it, Enter still picks the finding the operator chose.
import { useSyncExternalStore } from 'react';
import { expect, it, vi } from 'vitest';
import type { AcceptRisk } from '../../screens/accept-risk-context.js';
import { AcceptRiskForm } from '../../screens/AcceptRiskForm.js';
import type { Finding } from '../../src/model/finding.js';
import { DOWN, ENTER, renderInk } from '../helpers/ink.js';

const finding = (name: string, id: Finding['id']): Finding => ({
  id,
  severity: 'high',
  object: { kind: 'Deployment', namespace: 'shop', name },
  message: `${name}: ${id}`,
});

it('Enter picks the finding under the cursor after a new finding is listed above it', async () => {
  let current = [finding('api', 'containers.privileged'), finding('web', 'containers.root')];
  const listeners = new Set<() => void>();
  const sub = (l: () => void) => (listeners.add(l), () => listeners.delete(l));
  const risk: AcceptRisk = {
    file: '/tmp/waivers.yaml',
    maxDays: 180,
    suggested: '2027-03-01',
    latest: '2027-06-01',
    accept: vi.fn(),
  };
  function Live() {
    const findings = useSyncExternalStore(sub, () => current);
    return (
      <AcceptRiskForm
        findings={findings}
        risk={risk}
        height={20}
        active
        onSubmit={vi.fn()}
        onCancel={vi.fn()}
      />
    );
  }
  const ui = await renderInk(<Live />);
  await ui.waitFor('Deployment/shop/web');
  await ui.press(DOWN);
  await ui.act(() => {
    current = [finding('aaa', 'containers.privileged'), ...current];
    for (const l of listeners) l();
  });
  await ui.waitFor('Deployment/shop/aaa');
  await ui.press(ENTER);
  const form = await ui.waitFor('why is it accepted');
  expect(form).toContain('containers.root Deployment/shop/web');
});
