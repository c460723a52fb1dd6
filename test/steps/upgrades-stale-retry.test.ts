// The upgrades step end to end: a pool upgrade fails (a PDB holds a node), the look after it
// fails too (the API server stops answering), so the step is stale with a retry pending. `r` once
// retried the upgrade on those facts: its question opened and a yes sent the PUT again. Now it
// looks first, and no question opens while the step is stale.
import { afterEach, describe, expect, it } from 'vitest';
import { makeUpgradesStep } from '../../src/steps/upgrades/index.js';
import { rig, until, type StepRig } from './step-harness.js';

const fast = makeUpgradesStep({ updateIntervalInMs: 5, nodePollMs: 5 });
let r: StepRig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const view = (x: StepRig) => x.store.getState().stepViews.upgrades ?? {};

/** Sends an action, answers yes to the question it opens, and waits for it to end. */
async function confirmed(x: StepRig, key: string): Promise<void> {
  const sent = x.host.send('upgrades', { type: 'action', key });
  await until(() => x.store.getState().confirmation, `confirmation for ${key}`);
  x.store.answer(true);
  await sent;
}

describe('upgrades step: a failed pool upgrade on a stale step', () => {
  it('r looks first and asks nothing; the PUT is not sent again', async () => {
    r = await rig('strict-pdb', 2000, 'upgrades', fast);
    const sim = r.sim;
    await r.host.open('upgrades');
    await r.host.send('upgrades', { type: 'target', version: '1.32.5' });
    await confirmed(r, 'c');
    // Once a pool has failed, the API server resets every connection: the look after it fails.
    const failed = () => sim.aks.state.pools.some((p) => p.provisioningState === 'Failed');
    sim
      .hold((_method, path) => failed() && (path.startsWith('/api/') || path.startsWith('/apis/')))
      .drop();
    await confirmed(r, 'n');
    expect(view(r).result?.join('\n')).toContain('UpgradeFailed');
    expect(view(r).result).toContainEqual(
      expect.stringMatching(/^▲ NOT verified\. Press r to look again/),
    );
    expect(view(r).summary?.[0]).toMatch(/^▲ STALE:/);
    const puts = () =>
      sim.log.writes().filter((w) => w.method === 'PUT' && /agentPools/.test(w.path)).length;
    const sent = puts();
    expect(sent).toBe(1);

    const pressed = r.host.send('upgrades', { type: 'action', key: 'r' });
    let done = false;
    void pressed.then(
      () => (done = true),
      () => (done = true),
    );
    await until(() => done || r!.store.getState().confirmation !== undefined, 'r to end or ask');
    const asked = r.store.getState().confirmation;
    if (asked) r.store.answer(true);
    await pressed;
    expect(asked).toBeUndefined();
    expect(puts()).toBe(sent);
    // r looked (and failed again): the step is still stale, its upgrade still withdrawn.
    expect(view(r).summary?.[0]).toMatch(/^▲ STALE:/);
    expect(view(r).actions?.find((a) => a.key === 'n')?.unavailable).toBe(
      'the last look failed: look again first',
    );
  }, 90_000);
});
