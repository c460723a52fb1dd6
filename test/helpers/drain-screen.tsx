import { vi } from 'vitest';
import { CHECKLIST } from '../../src/model/checklist.js';
import type { DrainState } from '../../src/steps/drain/state.js';
import type { StepScreenProps } from '../../screens/step-screen-props.js';
import { DrainScreen } from '../../screens/steps/drain/DrainScreen.js';
import { renderInk } from './ink.js';

const step = CHECKLIST.find((s) => s.id === 'drain')!;

/** The drain table alone at 80x24 with its footer, showing `state` (and the step's `view`); its events go to `send`. */
export function renderDrainScreen(
  state: DrainState,
  send: StepScreenProps<'drain'>['send'],
  view: StepScreenProps<'drain'>['view'] = {},
) {
  return renderInk(
    <DrainScreen
      step={step}
      status={{ kind: 'ok' }}
      view={view}
      state={state}
      send={send}
      width={80}
      height={21}
      active
      onBack={vi.fn()}
      onHelp={vi.fn()}
      onQuit={vi.fn()}
    />,
    { columns: 80, rows: 24 },
    { footer: true },
  );
}
