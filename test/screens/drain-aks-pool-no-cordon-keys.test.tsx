// While AKS rotates a pool (node image or version upgrade), AKS cordons, drains and uncordons its
// nodes: the node table offers neither `u` nor `C` there (the logic would refuse them), and says
// why on the warning line. (Found by the wt/56 review, seen in --demo during a node image upgrade.)
import { expect, it, vi } from 'vitest';
import { DEFAULT_DRAIN_OPTIONS, type DrainNode } from '../../src/model/drain.js';
import { CHECKLIST } from '../../src/model/checklist.js';
import type { DrainState } from '../../src/steps/drain/state.js';
import { DrainScreen } from '../../screens/steps/drain/DrainScreen.js';
import { DOWN, renderInk } from '../helpers/ink.js';

const step = CHECKLIST.find((s) => s.id === 'drain')!;
const node = (name: string, schedulable: boolean): DrainNode => ({
  name,
  pool: 'apps',
  ready: true,
  schedulable,
  conditions: [],
  rebootNeeded: false,
  kuredLock: false,
  podCount: 2,
});

it('offers neither u nor C on the nodes of the pool AKS rotates', async () => {
  const state: DrainState = {
    phase: 'choose',
    cluster: 'aks-shop-prod',
    nodes: [node('aks-apps-9-vmss000000', false), node('aks-apps-9-vmss000001', true)],
    previews: {},
    options: DEFAULT_DRAIN_OPTIONS,
    rights: {},
    readOnly: false,
    dryRun: false,
    leftCordoned: [],
    aksBusy: {
      pool: 'apps',
      why: 'Node image upgrade of pool apps is running: AKS cordons and drains its nodes',
    },
  };
  const sent: unknown[] = [];
  const ui = await renderInk(
    <DrainScreen
      step={step}
      status={{ kind: 'ok' }}
      view={{}}
      state={state}
      send={(e) => sent.push(e)}
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
  const onCordoned = await ui.waitFor('aks-apps-9-vmss000000');
  await ui.press(DOWN);
  const onSchedulable = ui.frame();
  await ui.press('u', 'C');
  expect({
    uOffered: /u uncordon/.test(onCordoned),
    cOffered: /C cordon/.test(onSchedulable),
    sent,
  }).toEqual({ uOffered: false, cOffered: false, sent: [] });
  expect(onSchedulable).toContain('cordon, uncordon not offered: Node image upgrade of pool apps');
});
