import { vi } from 'vitest';
import { CHECKLIST } from '../../src/model/checklist.js';
import { DEFAULT_DRAIN_OPTIONS, type DrainNode } from '../../src/model/drain.js';
import type { DrainState } from '../../src/steps/drain/state.js';
import type { StepScreenProps } from '../../screens/step-screen-props.js';
import { DrainScreen } from '../../screens/steps/drain/DrainScreen.js';
import { renderInk } from './ink.js';

const step = CHECKLIST.find((s) => s.id === 'drain')!;

/** A node of `pool` as the drain table lists it: Ready, schedulable, two pods, no reboot due. */
export function drainNode(name: string, pool: string, over: Partial<DrainNode> = {}): DrainNode {
  return {
    name,
    pool,
    ready: true,
    schedulable: true,
    conditions: [],
    rebootNeeded: false,
    kuredLock: false,
    podCount: 2,
    ...over,
  };
}

/** The drain step's state while the operator chooses among `nodes` on aks-shop-prod. */
export function choosing(nodes: DrainNode[], over: Partial<DrainState> = {}): DrainState {
  return {
    phase: 'choose',
    cluster: 'aks-shop-prod',
    nodes,
    previews: {},
    options: DEFAULT_DRAIN_OPTIONS,
    rights: {},
    readOnly: false,
    dryRun: false,
    leftCordoned: [],
    ...over,
  };
}

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
