// A retry of a failed control-plane upgrade sends the failed PUT's own version, and its key says
// which: a target picked with `t` since is a new upgrade (its own key and question), never what
// "retry" sends. The words say so on every side: the retry key and its question name the version
// sent and the target it does not send; the control-plane key and its question for the new
// target say it is a new upgrade, not a retry.
import { afterEach, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { makeUpgradesStep } from '../../src/steps/upgrades/index.js';
import { connectToSim, hostFor, until, type HostedSession } from '../helpers/sim-session.js';
import { viewText } from '../../src/steps/contract/view.js';

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
  // Nothing picked since: the retry key is only that.
  expect(view().actions?.find((a) => a.key === 'r')?.label).toBe(
    'Retry the failed control-plane PUT to 1.32.4 (asks first)',
  );
  // The operator picks the other version before retrying.
  await s.host.send('upgrades', { type: 'target', version: '1.32.5' });
  const label = view().actions?.find((a) => a.key === 'r')?.label ?? '';
  expect(viewText(view().plan ?? [])).toContain(
    'The control-plane PUT to 1.32.4 failed: r retries it (sends 1.32.4 again); c upgrades to 1.32.5 instead, a new upgrade, not a retry.',
  );
  const retry = s.host.send('upgrades', { type: 'action', key: 'r' });
  const asked = await until(() => s.store.getState().confirmation, 'the retry question');
  s.store.answer(false);
  await retry;
  expect(label).toBe(
    'Retry the failed control-plane PUT to 1.32.4 (asks first): it sends 1.32.4 again, not 1.32.5 you picked since (c sends 1.32.5, as a new upgrade)',
  );
  expect(asked.change).toMatch(
    /^Retry the failed upgrade: upgrade the control plane of \S+ from 1\.31\.8 to 1\.32\.4 again /,
  );
  expect(asked.details?.[0]).toBe(
    "This sends 1.32.4, the failed PUT's version, not 1.32.5, the target you picked since: c upgrades to 1.32.5 instead, as a new upgrade.",
  );
  // The new target is its own upgrade, on its own key, asked about by name: not a retry.
  expect(view().actions?.find((a) => a.key === 'c')?.label).toBe(
    'Upgrade the control plane to 1.32.5 (a new upgrade, not a retry of the failed 1.32.4)',
  );
  const fresh = s.host.send('upgrades', { type: 'action', key: 'c' });
  const next = await until(() => s.store.getState().confirmation, 'the new upgrade question');
  s.store.answer(false);
  await fresh;
  expect(next.change).toMatch(/ to 1\.32\.5 /);
  expect(next.change).toMatch(/; a new upgrade, not a retry of the failed PUT to 1\.32\.4$/);
  expect(next.change).not.toMatch(/^Retry/);
}, 60_000);
