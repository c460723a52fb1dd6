// The deprecated-API override (f) sends forceUpgrade true for three days. With API 2025-09-01 and
// later the same override makes AKS drain past PodDisruptionBudgets, for that upgrade and for every
// pool upgrade started until it lapses: f's question says so, and each pool question reads the
// cluster's upgradeSettings.overrideSettings and says so while it is active.
import { afterEach, describe, expect, it } from 'vitest';
import { makeUpgradesStep } from '../../src/steps/upgrades/index.js';
import { rig, until, type StepRig } from './step-harness.js';

const fast = makeUpgradesStep({ updateIntervalInMs: 5, nodePollMs: 5 });
let r: StepRig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

/** The control-plane upgrade refused for deprecated APIs, then the override taken: f's question. */
async function overrideTaken(x: StepRig) {
  await x.host.open('upgrades');
  const answer = async (key: string, yes: boolean) => {
    const sent = x.host.send('upgrades', { type: 'action', key });
    const asked = await until(() => x.store.getState().confirmation, `confirmation for ${key}`);
    x.store.answer(yes);
    await sent;
    return asked;
  };
  await x.host.send('upgrades', { type: 'target', version: '1.32.5' });
  await answer('c', true);
  const forced = await answer('f', true);
  expect(x.sim.aks.state.currentKubernetesVersion).toBe('1.32.5');
  return { forced, answer };
}

// learn.microsoft.com/azure/aks/upgrade-options ("Force upgrade (bypass PDB)", API 2025-09-01+):
// "Force upgrade bypasses Pod Disruption Budget (PDB) constraints and may cause service disruption
// by draining all pods simultaneously"; it "takes precedence over all other drain configurations".
describe('the deprecated-API override (f)', () => {
  it('says that while it lasts AKS drains past PodDisruptionBudgets', async () => {
    r = await rig('upgrade-readiness', 400, 'upgrades', fast);
    const { forced } = await overrideTaken(r);
    expect((forced.details ?? []).join('\n')).toMatch(
      /(bypass|ignor|past|overrid)[^.]*(PodDisruptionBudget|budget|PDB)/i,
    );
  });

  it('is named by the next pool question, whose drains it makes ignore budgets', async () => {
    r = await rig('upgrade-readiness', 400, 'upgrades', fast);
    const { answer } = await overrideTaken(r);
    const pool = await answer('n', false);
    expect((pool.details ?? []).join('\n')).toMatch(
      /force-upgrade override lasts \(until [^)]+\), AKS drains past PodDisruptionBudgets/,
    );
    // The cluster as AKS keeps it: the override the PUT carried, with its until time.
    expect(r.sim.aks.state.upgradeOverride?.forceUpgrade).toBe(true);
  });
});
