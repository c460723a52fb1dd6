// The node table when a watch it relies on was refused: it says so in red above its footer (what
// was refused, as of when, what to do) with all its nodes still in view, and `l` reads it again.
import { expect, it } from 'vitest';
import { notFollowing } from '../../src/steps/lifecycle/not-following.js';
import { choosing, drainNode, renderDrainScreen } from '../helpers/drain-screen.js';

const node = (i: number) => drainNode(`aks-apps-9-vmss00000${i}`, 'apps');

it('says the table no longer follows, and l reads it again', async () => {
  const readAt = Date.UTC(2026, 11, 7, 15, 42, 10);
  const following = notFollowing(
    [
      {
        state: 'refused',
        doing: 'watching nodes',
        words: '403 Forbidden',
        kind: 'forbidden',
        at: readAt,
      },
    ],
    readAt,
    'l',
  );
  const state = choosing([0, 1, 2, 3, 4].map(node), { following, readAt });
  const sent: unknown[] = [];
  const ui = await renderDrainScreen(state, (e) => sent.push(e), {
    actions: [{ key: 'l', label: 'Read the nodes again, and try to follow the cluster again' }],
  });
  const frame = await ui.waitFor('Not following the cluster');
  expect(frame).toContain(
    '✖ Not following the cluster: watching nodes was refused (403 Forbidden).',
  );
  expect(frame).toContain(
    'As read at 15:42:10 UTC. l reads again; to follow, ask for the "watch" right.',
  );
  expect(frame).toContain('aks-apps-9-vmss000004');
  await ui.press('l');
  expect(sent).toEqual([{ type: 'action', key: 'l' }]);
});
