// While AKS rotates a pool (node image or version upgrade), AKS cordons, drains and uncordons its
// nodes: the node table offers neither `u` nor `C` there (the logic would refuse them), and says
// why on the warning line. (Found by the wt/56 review, seen in --demo during a node image upgrade.)
// The "Drain finished" view follows the same rule for its u (uncordon) and d (continue draining).
import { expect, it } from 'vitest';
import { choosing, drainNode, renderDrainScreen } from '../helpers/drain-screen.js';
import { DOWN } from '../helpers/ink.js';

const node = (name: string, schedulable: boolean) => drainNode(name, 'apps', { schedulable });

it('offers neither u nor C on the nodes of the pool AKS rotates', async () => {
  const state = choosing(
    [node('aks-apps-9-vmss000000', false), node('aks-apps-9-vmss000001', true)],
    {
      aksBusy: {
        pool: 'apps',
        why: 'Node image upgrade of pool apps is running: AKS cordons and drains its nodes',
      },
    },
  );
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

it('after a drain, u is not offered on a node of the pool AKS now rotates, and it says why', async () => {
  const name = 'aks-apps-9-vmss000001';
  const state = choosing([node(name, false)], {
    phase: 'done',
    leftCordoned: [name],
    progress: {
      nodes: [{ name, phase: 'drained', cordoned: true, pods: [], notes: [] }],
      finished: true,
    },
    aksBusy: {
      pool: 'apps',
      why: 'Node image upgrade of pool apps is running: AKS cordons and drains its nodes',
    },
  });
  const sent: unknown[] = [];
  const ui = await renderDrainScreen(state, (e) => sent.push(e), {
    result: [`✔ ${name}: drained (2/2 pods moved, cordoned)`],
  });
  const frame = await ui.waitFor('Drain finished');
  await ui.press('u');
  expect({ uOffered: frame.includes(`u uncordon ${name}`), sent }).toEqual({
    uOffered: false,
    sent: [],
  });
  expect(frame).toContain('! uncordon not offered: Node image upgrade of pool apps');
});

it('an interrupted drain on the pool AKS now rotates offers neither d nor u', async () => {
  const name = 'aks-apps-9-vmss000001';
  const state = choosing([node(name, false)], {
    phase: 'done',
    leftCordoned: [name],
    resume: { toContinue: [name] },
    progress: {
      nodes: [{ name, phase: 'timed-out', cordoned: true, pods: [], notes: [] }],
      finished: true,
    },
    aksBusy: { pool: 'apps', why: 'Upgrade of pool apps is running' },
  });
  const sent: unknown[] = [];
  const ui = await renderDrainScreen(state, (e) => sent.push(e));
  const frame = await ui.waitFor('Interrupted drain');
  await ui.press('d', 'u');
  expect(frame).not.toContain('d continue draining');
  expect(frame).toContain('! Continue draining, uncordon not offered: Upgrade of pool apps');
  expect(sent).toEqual([]);
});
