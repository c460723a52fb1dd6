// A node image upgrade drains every node of the pool exactly as a version upgrade does (surge,
// cordon, drain, reimage): a PodDisruptionBudget that allows no disruption makes it fail the same
// way. The confirmation says so before anything is sent, with what AKS then does with the node.
import { afterEach, describe, expect, it } from 'vitest';
import { makeNodeImageStep } from '../../src/steps/node-image/index.js';
import { rig, until, type StepRig } from './step-harness.js';

const fast = makeNodeImageStep({ updateIntervalInMs: 5, nodePollMs: 5 });
let r: StepRig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

/** The confirmation's details for pool key `key` (answered No: nothing is sent). */
async function asked(x: StepRig, key: string): Promise<string> {
  await x.host.open('node-image');
  const sent = x.host.send('node-image', { type: 'action', key });
  const question = await until(() => x.store.getState().confirmation, 'the confirmation');
  x.store.answer(false);
  await sent;
  expect(x.sim.log.writes()).toEqual([]);
  return (question.details ?? []).join('\n');
}

describe('node image upgrade and the budgets that hold its drains', () => {
  it('names a PDB that allows no disruption, and what AKS does with the node', async () => {
    r = await rig('strict-pdb', 2000, 'node-image', fast);
    const said = await asked(r, '1');
    expect(said).toContain('Predicted to block this upgrade');
    expect(said).toMatch(/PDB data\/ledger .*allows 0 disruptions/);
    expect(said).toMatch(/AKS tries to drain each node for up to 5 min \(drainTimeoutInMinutes\)/);
    expect(said).toMatch(/undrainableNodeBehavior Schedule/);
  }, 60_000);

  it('says no budget is predicted to block when none does', async () => {
    r = await rig('minimal', 2000, 'node-image', fast);
    const said = await asked(r, '1');
    expect(said).toContain('No PodDisruptionBudget is predicted to block draining this pool');
  }, 60_000);
});
