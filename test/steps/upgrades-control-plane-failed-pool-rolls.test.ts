// A control-plane-only upgrade does not always leave the pools alone: "Why were my node pools
// upgraded when I only upgraded the control plane? AKS might trigger a rolling node pool upgrade
// alongside a control plane upgrade to keep the cluster compliant and healthy. This upgrade
// typically occurs when a previous node upgrade failed or left nodes on mixed versions."
// (MicrosoftDocs/azure-aks-docs articles/aks/upgrade-aks-control-plane.md, FAQ; az aks upgrade
// --control-plane-only says so too: "node image version may be upgraded"). With a pool whose last
// upgrade failed, the step's question still promises "pools stay on their versions" and its plan
// "control plane only; pools untouched", with no word that AKS may cordon, drain and reimage it.
import { afterEach, describe, expect, it } from 'vitest';
import { makeUpgradesStep } from '../../src/steps/upgrades/index.js';
import { rig, until, type StepRig } from './step-harness.js';

let r: StepRig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe('a control-plane-only upgrade while a pool is Failed from an earlier upgrade', () => {
  it('does not promise the pools stay untouched; it names the failed pool AKS may roll', async () => {
    r = await rig(
      'demo',
      400,
      'upgrades',
      makeUpgradesStep({ updateIntervalInMs: 5, nodePollMs: 5 }),
    );
    // The apps pool's last upgrade failed (a drain blocked, say): ARM shows it Failed.
    const apps = r.sim.aks.state.pools.find((p) => p.name === 'apps')!;
    apps.provisioningState = 'Failed';
    await r.host.open('upgrades');
    await r.host.send('upgrades', { type: 'target', version: '1.32.5' });
    const sent = r.host.send('upgrades', { type: 'action', key: 'c' });
    const asked = await until(() => r!.store.getState().confirmation, 'the control-plane question');
    r.store.answer(false);
    await sent;
    const text = [asked.change, ...(asked.details ?? []).map(String)].join('\n');
    // Correct: the question names pool apps as one AKS may upgrade with it (or at least does not
    // promise the pools stay on their versions).
    expect(asked.change).not.toContain('pools stay on their versions');
    expect(text).toMatch(/apps/);
  });
});
