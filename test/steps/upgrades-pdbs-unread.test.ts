// An operator who may upgrade pools but not list PodDisruptionBudgets (RBAC: no `list` on
// policy/poddisruptionbudgets) cannot know which budgets hold a drain. The pool upgrade's question
// must say that is unknown; it says "No PodDisruptionBudget is predicted to block draining this
// pool" while a budget allowing 0 disruptions (data/ledger, minAvailable 1 of 1 replica) makes AKS
// fail the upgrade with UpgradeFailed (learn.microsoft.com/troubleshoot/azure/azure-kubernetes/
// error-code-poddrainfailure; review brief: a refused read is never a pass).
import { afterEach, describe, expect, it } from 'vitest';
import { limitedRights, LEDGER_OBJECTS } from '../../src/sim/scenarios/small.js';
import { scenarioFromFiles } from '../../src/sim/scenario/load.js';
import { startSimulator } from '../../src/sim/simulator.js';
import { makeUpgradesStep } from '../../src/steps/upgrades/index.js';
import { poolDrainLines, poolsAfterLines } from '../../src/steps/upgrades/drain-truth.js';
import { connectToSim, hostFor, until, type HostedSession } from '../helpers/sim-session.js';

// Everything but the policy group (PodDisruptionBudgets), for the operator's group.
const NO_PDB_RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: all-but-budgets
rules:
  - apiGroups: [""]
    resources: ["*"]
    verbs: ["*"]
  - apiGroups: [apps, batch, networking.k8s.io, rbac.authorization.k8s.io, apiextensions.k8s.io, storage.k8s.io, authorization.k8s.io, authentication.k8s.io]
    resources: ["*"]
    verbs: ["*"]
  - nonResourceURLs: ["*"]
    verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: support-all-but-budgets
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: support-engineers
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: all-but-budgets
`;

function scenario() {
  const files = limitedRights().files.map((f) =>
    f.name.endsWith('cluster.yaml')
      ? // May write over ARM (pool upgrades), as the default operator may.
        { ...f, text: f.text.replace('  armRole: cluster-user\n', '') }
      : { ...f, text: NO_PDB_RBAC },
  );
  return scenarioFromFiles('no-pdb-list', [
    ...files,
    { name: 'no-pdb-list/ledger.yaml', text: LEDGER_OBJECTS },
  ]);
}

let closeAll: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeAll?.();
  closeAll = undefined;
});

describe('a pool upgrade asked without the right to list PodDisruptionBudgets', () => {
  it('does not say no budget is predicted to block the drain', async () => {
    const sim = await startSimulator({ scenario: scenario(), speed: 2000 });
    const connection = await connectToSim(sim, {});
    const session: HostedSession = await hostFor(connection, {
      upgrades: makeUpgradesStep({ updateIntervalInMs: 5, nodePollMs: 5 }),
    });
    closeAll = async () => {
      await session.close();
      await sim.close();
    };
    await session.host.open('upgrades');
    const findings = session.store.getState().stepViews.upgrades?.findings ?? [];
    // The setup holds: the budgets could not be read (said as a finding).
    expect(findings.map((f) => f.id)).toContain('versions.forbidden');
    // The ledger pool's upgrade (control plane first, so the pool has a version to go to).
    await session.host.send('upgrades', { type: 'target', version: '1.32.5' });
    const cp = session.host.send('upgrades', { type: 'action', key: 'c' });
    const first = await until(
      () => session.store.getState().confirmation,
      'control-plane question',
    );
    // The control plane's question says the pool upgrades after it are not known to be clear.
    expect(first.details?.join('\n')).toContain(
      'Which PodDisruptionBudgets would hold the pool upgrades after this one is not known: PodDisruptionBudgets could not be read',
    );
    session.store.answer(true);
    await cp;
    const sent = session.host.send('upgrades', { type: 'action', key: 'n' });
    const asked = await until(() => session.store.getState().confirmation, 'pool question');
    session.store.answer(false);
    await sent;
    const said = asked.details?.join('\n') ?? '';
    expect(said).not.toContain('No PodDisruptionBudget is predicted to block');
    expect(said).toContain(
      "Which PodDisruptionBudgets would hold this pool's drains is not known: PodDisruptionBudgets could not be read (forbidden).",
    );
  });
});

describe('the drain lines of the upgrade questions, with nodes unread', () => {
  it('say which pool the budgets hold is not known, in both questions', () => {
    const pool = poolDrainLines({}, [], ['nodes']).join('\n');
    expect(pool).not.toContain('No PodDisruptionBudget is predicted');
    expect(pool).toContain("Which PodDisruptionBudgets would hold this pool's drains is not known");
    expect(pool).toMatch(/AKS tries to drain each node/);
    const after = poolsAfterLines([{ pool: 'apps', blockers: [] }], ['nodes']).join('\n');
    expect(after).toContain('is not known: nodes could not be read (forbidden)');
    // Read: no blocker, nothing said, as before.
    expect(poolsAfterLines([{ pool: 'apps', blockers: [] }])).toEqual([]);
    expect(poolDrainLines({}, [])[0]).toMatch(/^No PodDisruptionBudget is predicted/);
  });
});
