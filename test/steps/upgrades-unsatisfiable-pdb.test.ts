// AKS refuses to start an upgrade while any PodDisruptionBudget has maxUnavailable 0, whatever
// pods it selects (learn.microsoft.com/troubleshoot/azure/azure-kubernetes/error-codes/
// unsatisfiablepdb-error: "Before starting an upgrade operation, AKS checks the cluster for any
// existing PDBs that have the maxUnavailable parameter set to 0", error UnsatisfiablePDB "PDB
// <ns>/<name> has maxunavailble == 0 can't proceed with put operation"). A leftover budget whose
// workload is scaled away selects no pod, so no drain ever meets it, and the step draws no verdict
// from it: the upgrade is predicted clear and AKS refuses it.
import { afterEach, describe, expect, it } from 'vitest';
import { makeUpgradesStep } from '../../src/steps/upgrades/index.js';
import { readPdbFacts } from '../../src/steps/upgrades/pdb-facts.js';
import { rig, type StepRig } from '../steps/step-harness.js';

let r: StepRig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe('a budget with maxUnavailable 0 that selects no pod', () => {
  it('is named before an upgrade (AKS refuses it with UnsatisfiablePDB)', async () => {
    r = await rig(
      'demo',
      400,
      'upgrades',
      makeUpgradesStep({ updateIntervalInMs: 5, nodePollMs: 5 }),
    );
    r.sim.kube.load([
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { namespace: 'default', name: 'leftover' },
        spec: { maxUnavailable: 0, selector: { matchLabels: { app: 'retired' } } },
      },
    ]);
    // The setup holds: the budget is there, selecting no pod.
    const leftover = (await readPdbFacts(r.connection.kc)).find((p) => p.name === 'leftover');
    expect(leftover).toMatchObject({ disruptionsAllowed: 0, podNodes: [] });
    await r.host.open('upgrades');
    const findings = r.store.getState().stepViews.upgrades?.findings ?? [];
    const named = findings.filter(
      (f) => f.object?.name === 'leftover' || f.message.includes('default/leftover'),
    );
    expect(named.filter((f) => f.severity === 'high' || f.severity === 'medium')).not.toHaveLength(
      0,
    );
  });
});
