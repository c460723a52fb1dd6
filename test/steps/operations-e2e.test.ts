// The session's running Azure operation end to end on the simulated AKS: one board shared by
// the upgrades and node-image steps, set the moment an operation is sent, found on ARM when
// someone else started it, with Abort on offer from its first moment to its end.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { makeNodeImageStep } from '../../src/steps/node-image/index.js';
import { makeUpgradesStep } from '../../src/steps/upgrades/index.js';
import { connectToSim, hostFor, until, type HostedSession } from '../helpers/sim-session.js';
import { nodeImageUpgradeElsewhere } from './started-elsewhere.js';

const t = { updateIntervalInMs: 5, nodePollMs: 5 };
let sim: Simulator | undefined;
let s: HostedSession | undefined;
afterEach(async () => {
  await s?.close();
  await sim?.close();
  s = sim = undefined;
});

async function session(speed: number) {
  sim = await startSimulator({ scenario: 'demo', speed });
  const connection = await connectToSim(sim);
  s = await hostFor(connection, {
    upgrades: makeUpgradesStep(t),
    'node-image': makeNodeImageStep(t),
  });
  await s.host.operations.readArm();
  await s.host.open('upgrades');
  await s.host.open('node-image');
  return { sim, s, connection };
}

const action = (x: HostedSession, step: 'upgrades' | 'node-image', key: string) =>
  x.store.getState().stepViews[step]?.actions?.find((a) => a.key === key);

describe('the running operation', () => {
  it('is shown from the moment it is sent; conflicting upgrades are refused; abort ends it Canceled', async () => {
    const { s } = await session(20);
    expect(s.store.getState().operation).toBeUndefined();
    expect(action(s, 'node-image', 'a')?.unavailable).toBe('nothing is running');
    const upgrade = s.host.send('node-image', { type: 'action', key: '1' });
    await until(() => s.store.getState().confirmation, 'upgrade confirmation');
    s.store.answer(true);
    // From the first moment: on the board, abort offered, conflicting upgrades not offered.
    const op = await until(() => s.store.getState().operation, 'the operation on the board');
    expect(op).toMatchObject({ what: 'Node image upgrade of pool system', phase: 'running' });
    expect(op.by).toBe('this session');
    expect(action(s, 'node-image', 'a')?.unavailable).toBeUndefined();
    expect(action(s, 'node-image', '2')?.unavailable).toMatch(
      /Node image upgrade of pool system is running; AKS refuses another operation/,
    );
    await s.host.send('upgrades', { type: 'target', version: '1.32.5' });
    expect(action(s, 'upgrades', 'c')?.unavailable).toMatch(/AKS refuses another operation/);
    const writes = sim!.log.writes().length;
    await s.host.send('node-image', { type: 'action', key: '2' });
    expect(s.store.getState().confirmation).toBeUndefined();
    expect(sim!.log.writes()).toHaveLength(writes);

    const aborted = s.host.send('node-image', { type: 'action', key: 'a' });
    const asked = await until(() => s.store.getState().confirmation, 'abort confirmation');
    expect(asked.change).toContain('Abort the running operation on pool system');
    s.store.answer(true);
    await until(() => s.store.getState().operation?.phase === 'canceling', 'canceling');
    expect(action(s, 'node-image', 'a')?.unavailable).toMatch(/abort was sent/);
    await Promise.all([aborted, upgrade]);
    expect(s.store.getState().operation).toMatchObject({ phase: 'canceled', armState: 'Canceled' });
    expect(sim!.aks.state.pools.find((p) => p.name === 'system')!.provisioningState).toBe(
      'Canceled',
    );
    const result = s.store.getState().stepViews['node-image']?.result?.join('\n') ?? '';
    expect(result).toContain('was canceled (aborted)');
    expect(
      s
        .journalLines()
        .filter((l) => l['type'] === 'intent')
        .map((l) => l['action']),
    ).toEqual(['upgrade node image', 'abort latest operation']);
    // Nothing runs any more: new upgrades are offered again.
    expect(action(s, 'node-image', '2')?.unavailable).toBeUndefined();
  }, 90_000);

  it('an abort that gets no answer says so (never "refused") and what still runs; the status line agrees', async () => {
    const { s, sim } = await session(20);
    // Every abort request dies on the wire (the SDK's retries too): Azure never hears of it.
    const held = sim.hold((method, path) => method === 'POST' && /abort/i.test(path));
    held.drop();
    const upgrade = s.host.send('node-image', { type: 'action', key: '1' });
    await until(() => s.store.getState().confirmation, 'upgrade confirmation');
    s.store.answer(true);
    await until(() => s.store.getState().operation?.phase === 'running', 'the upgrade running');
    const aborted = s.host.send('node-image', { type: 'action', key: 'a' });
    await until(() => s.store.getState().confirmation, 'abort confirmation');
    s.store.answer(true);
    await aborted;
    const result = s.store.getState().stepViews['node-image']?.result ?? [];
    // Azure never heard it: neither refused nor sent, and not the client's own words.
    expect(result[0]).toMatch(
      /^⚠ The abort of pool system got no answer, so whether Azure accepted it is unknown: cannot reach Azure Resource Manager while trying to abort the operation; /,
    );
    expect(result[1]).toBe(
      'ARM still shows Node image upgrade of pool system running: press a to try the abort again.',
    );
    // Not also "nothing left to abort", nor "another operation is running".
    expect(result.join('\n')).not.toMatch(/nothing left|Another operation|refused|socket hang up/i);
    const op = s.store.getState().operation!;
    expect(op).toMatchObject({ phase: 'running' });
    expect(op.abort).toBeUndefined();
    expect(action(s, 'node-image', 'a')?.unavailable).toBeUndefined();
    expect(sim.aks.state.pools[0]!.provisioningState).toBe('UpgradingNodeImageVersion');
    await upgrade;
    expect(s.store.getState().operation?.phase).toBe('succeeded');
  }, 90_000);

  it('shows one started elsewhere, follows it and aborts it', async () => {
    const { s, connection } = await session(20);
    await nodeImageUpgradeElsewhere(sim!, connection);
    await s.host.send('upgrades', { type: 'action', key: 'r' });
    const op = await until(() => s.store.getState().operation, 'the operation on the board');
    expect(op).toMatchObject({
      by: 'elsewhere',
      resource: { kind: 'pool', name: 'system' },
      armState: 'UpgradingNodeImageVersion',
      sinceKnown: false,
    });
    expect(action(s, 'node-image', '2')?.unavailable).toMatch(/AKS refuses another operation/);
    const aborted = s.host.send('upgrades', { type: 'action', key: 'a' });
    await until(() => s.store.getState().confirmation, 'abort confirmation');
    s.store.answer(true);
    await aborted;
    await until(() => s.store.getState().operation?.phase === 'canceled', 'canceled on the board');
  }, 90_000);
});
