import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { DefenderScreen } from '../../screens/steps/defender/DefenderScreen.js';
import { CHECKLIST } from '../../src/model/checklist.js';
import type { DefenderScreenState } from '../../src/steps/defender/state.js';
import type { StepView } from '../../src/steps/contract/view.js';
import type { StepEvents } from '../../src/steps/registry-types.js';

type StepEvent = StepEvents['defender'];
import { ENTER, ESC, renderInk } from '../helpers/ink.js';

const step = CHECKLIST.find((s) => s.id === 'defender')!;
const WS =
  '/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law';

const view: StepView = {
  summary: ['Defender for Containers:  off'],
  findings: [{ id: 'defender.disabled', severity: 'medium', message: 'Defender is off.' }],
  actions: [
    {
      key: 'e',
      label: 'Enable Defender for Containers (paid plan)',
      unavailable: 'no Log Analytics workspace known: press w first',
    },
    { key: 'w', label: 'Enter a Log Analytics workspace id' },
  ],
};

/** The screen with a stand-in controller that opens the prompt on `w` and checks the id shape. */
function Harness({ sent }: { sent: StepEvent[] }) {
  const [state, setState] = useState<DefenderScreenState>({ asking: false });
  const send = (event: StepEvent) => {
    sent.push(event);
    if (event.type === 'action' && event.key === 'w') setState({ asking: true });
    if (event.type === 'workspace-cancel') setState({ asking: false });
    if (event.type === 'workspace') {
      setState(
        event.id === WS
          ? { asking: false, workspace: { id: WS, from: 'typed by you' } }
          : { asking: true, error: 'not a workspace resource id' },
      );
    }
  };
  return (
    <DefenderScreen
      step={step}
      status={{ kind: 'findings', count: 1 }}
      view={view}
      state={state}
      send={send}
      width={80}
      height={22}
      active
      onBack={() => undefined}
      onHelp={() => undefined}
      onQuit={() => undefined}
    />
  );
}

describe('DefenderScreen', () => {
  it('opens the workspace prompt on w, shows a refusal, submits on Enter', async () => {
    const sent: StepEvent[] = [];
    const ui = await renderInk(<Harness sent={sent} />);
    expect(ui.frame()).toContain('[e] Enable Defender for Containers (paid plan) — not available');
    await ui.press('e');
    expect(sent).toEqual([]);
    await ui.press('w');
    await ui.waitFor('workspace ›');
    await ui.type('law');
    await ui.press(ENTER);
    await ui.waitFor('✖ not a workspace resource id');
    // The old error goes as soon as the text changes: it was about "law", not what is typed now.
    await ui.press('\u0015'); // Ctrl+U
    await ui.waitFor((f) => !f.includes('✖ not a workspace resource id'));
    await ui.type(WS);
    await ui.press(ENTER);
    await ui.waitFor((f) => !f.includes('workspace ›'));
    expect(sent).toEqual([
      { type: 'action', key: 'w' },
      { type: 'workspace', id: 'law' },
      { type: 'workspace', id: WS },
    ]);
    const lines = ui.frame().split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
  });

  it('Esc in the prompt cancels it and keeps the step open', async () => {
    const sent: StepEvent[] = [];
    const ui = await renderInk(<Harness sent={sent} />);
    await ui.press('w');
    await ui.waitFor('workspace ›');
    await ui.press(ESC);
    await ui.waitFor((f) => !f.includes('workspace ›'));
    expect(sent.at(-1)).toEqual({ type: 'workspace-cancel' });
    expect(ui.frame()).toContain('Threat protection');
  });
});
