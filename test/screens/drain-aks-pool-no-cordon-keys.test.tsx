// While AKS rotates a pool (node image or version upgrade), AKS cordons, drains and uncordons its
// nodes: the node table offers neither `u` nor `C` there (the logic would refuse them), and says
// why on the warning line. (Found by the wt/56 review, seen in --demo during a node image upgrade.)
import { expect, it } from 'vitest';
import { DEFAULT_DRAIN_OPTIONS, type DrainNode } from '../../src/model/drain.js';
import type { DrainState } from '../../src/steps/drain/state.js';
import { renderDrainScreen } from '../helpers/drain-screen.js';
import { DOWN } from '../helpers/ink.js';

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
  const ui = await renderDrainScreen(state, (e) => sent.push(e));
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
