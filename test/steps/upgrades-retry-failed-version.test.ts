// A retry of a failed control-plane upgrade sends the failed PUT's own version, and its key says
// which: a target picked with `t` since is a new upgrade (its own key and question), never what
// "retry" sends.
import { afterEach, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { makeUpgradesStep } from '../../src/steps/upgrades/index.js';
import { connectToSim, hostFor, until, type HostedSession } from '../helpers/sim-session.js';

const fast = makeUpgradesStep({ updateIntervalInMs: 5, nodePollMs: 5 });
let sim: Simulator | undefined;
let session: HostedSession | undefined;
afterEach(async () => {
  await session?.close();
  await sim?.close();
});

it('r after a failed upgrade and a new target retries the failed version, and its label names it', async () => {
  sim = await startSimulator({
    scenario: 'demo',
    speed: 2000,
    faults: { operationOutcome: 'Failed' },
  });
  const connection = await connectToSim(sim);
  session = await hostFor(connection, { upgrades: fast });
  const s = session;
  const view = () => s.store.getState().stepViews.upgrades ?? {};
  await s.host.open('upgrades');
  await s.host.send('upgrades', { type: 'target', version: '1.32.4' });
  const first = s.host.send('upgrades', { type: 'action', key: 'c' });
  await until(() => s.store.getState().confirmation, 'the first question');
  s.store.answer(true);
  await first;
  await until(
    () =>
      view()
        .actions?.find((a) => a.key === 'r')
        ?.label.startsWith('Retry the failed'),
    'the retry to be offered',
  );
  // The operator picks the other version before retrying.
  await s.host.send('upgrades', { type: 'target', version: '1.32.5' });
  const label = view().actions?.find((a) => a.key === 'r')?.label ?? '';
  const retry = s.host.send('upgrades', { type: 'action', key: 'r' });
  const asked = await until(() => s.store.getState().confirmation, 'the retry question');
  s.store.answer(false);
  await retry;
  expect(label).toBe('Retry the failed control-plane PUT to 1.32.4 (asks first)');
  expect(asked.change).toMatch(/ to 1\.32\.4 /);
  // The new target is its own upgrade, on its own key, asked about by name.
  const fresh = s.host.send('upgrades', { type: 'action', key: 'c' });
  const next = await until(() => s.store.getState().confirmation, 'the new upgrade question');
  s.store.answer(false);
  await fresh;
  expect(next.change).toMatch(/ to 1\.32\.5 /);
}, 60_000);
