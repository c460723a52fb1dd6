// The upgrades step end to end: real SDK and Kubernetes clients against the simulated AKS, the
// step's controller hosted by StepHost, confirmations answered through the SessionStore.
import { afterEach, describe, expect, it } from 'vitest';
import type { Rotation } from '../../src/steps/rotation/state.js';
import { makeUpgradesStep } from '../../src/steps/upgrades/index.js';
import type { UpgradesState } from '../../src/steps/upgrades/state.js';
import { rig, until, type StepRig } from './step-harness.js';
import { viewText } from '../../src/steps/contract/view.js';

const fast = makeUpgradesStep({ updateIntervalInMs: 5, nodePollMs: 5 });
let r: StepRig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const state = (x: StepRig) => x.store.getState().stepStates.upgrades as UpgradesState;
const view = (x: StepRig) => x.store.getState().stepViews.upgrades ?? {};
const ids = (x: StepRig) => (view(x).findings ?? []).map((f) => f.id);

/** Sends an action and answers the confirmation it opens (checking the typed name). */
async function confirmed(x: StepRig, key: string, answer = true) {
  const sent = x.host.send('upgrades', { type: 'action', key });
  const asked = await until(() => x.store.getState().confirmation, `confirmation for ${key}`);
  expect(asked.cluster).toBe(x.sim.arm.name);
  expect(asked.typed).toBe(x.sim.arm.name);
  x.store.answer(answer);
  await sent;
  return asked;
}

describe('upgrades step on the simulator', () => {
  it('upgrades the control plane, then one pool with its nodes rotating in order', async () => {
    r = await rig('demo', 400, 'upgrades', fast);
    await r.host.open('upgrades');
    expect(ids(r)).toEqual(
      expect.arrayContaining([
        'versions.upgrade-available',
        'versions.auto-upgrade-off',
        'versions.pdb-blocks-drain',
      ]),
    );
    expect(view(r).findings?.find((f) => f.id === 'versions.pdb-blocks-drain')?.message).toContain(
      'payments/orders-db',
    );
    expect(state(r).choices.map((c) => c.version)).toEqual(['1.32.5', '1.32.4']);

    // A skipped minor is refused before anything is sent.
    const writes = r.sim.log.writes().length;
    await r.host.send('upgrades', { type: 'target', version: '1.33.1', preview: true });
    expect(view(r).result?.[0]).toMatch(/skip 1 minor version/);
    expect(state(r).target).toBeUndefined();
    expect(r.sim.log.writes()).toHaveLength(writes);

    await r.host.send('upgrades', { type: 'target', version: '1.32.5' });
    await confirmed(r, 'c');
    expect(r.sim.aks.state.currentKubernetesVersion).toBe('1.32.5');
    expect(r.sim.aks.state.pools.every((p) => p.currentOrchestratorVersion === '1.31.8')).toBe(
      true,
    );
    expect(view(r).result?.[0]).toMatch(/Control-plane upgrade to 1\.32\.5 succeeded/);
    expect(state(r).queue[0]).toBe('system');

    const seen: Rotation[] = [];
    const stop = r.store.subscribe(() => {
      const rot = state(r!).rotation;
      if (rot && rot.pool === 'system' && seen.at(-1) !== rot) seen.push(rot);
    });
    await confirmed(r, 'n');
    stop();
    const last = seen.at(-1)!;
    expect(last.status).toBe('succeeded');
    const surge = last.rows.filter((row) => row.surge);
    expect(surge.length).toBeGreaterThan(0);
    for (const row of last.rows.filter((x) => !x.surge)) {
      const order = ['waiting', 'cordoned', 'draining', 'drained', 'reimaging', 'replaced'];
      expect(row.history).toEqual(order.filter((p) => row.history.includes(p as never)));
      expect(row.history).toEqual(expect.arrayContaining(['cordoned', 'drained', 'replaced']));
      expect(row.history.at(-1)).toBe('replaced');
    }
    // The surge node appeared while the first old node was still untouched.
    const firstSurge = seen.findIndex((s) => s.rows.some((row) => row.surge));
    expect(
      seen[firstSurge]!.rows.filter((row) => !row.surge).some((row) => row.phase === 'waiting'),
    ).toBe(true);
    // Draining was really observed (pods counted on a cordoned node), not only inferred.
    expect(
      seen.some((s) => s.rows.some((row) => row.phase === 'draining' || row.phase === 'drained')),
    ).toBe(true);
    expect(surge.every((row) => row.phase === 'removed')).toBe(true);
    const kubelets = r.sim.kube
      .listNodes()
      .filter((n) => n.metadata.labels?.['kubernetes.azure.com/agentpool'] === 'system')
      .map(
        (n) => (n['status'] as { nodeInfo: { kubeletVersion: string } }).nodeInfo.kubeletVersion,
      );
    expect(new Set(kubelets)).toEqual(new Set(['v1.32.5']));

    const lines = r.journalLines();
    const intents = lines.filter((l) => l['type'] === 'intent').map((l) => l['action']);
    expect(intents).toEqual(['upgrade control plane', 'upgrade pool']);
    expect(lines.filter((l) => l['type'] === 'result').map((l) => l['outcome'])).toEqual([
      'ok',
      'ok',
    ]);
    const opNotes = lines.filter((l) => l['type'] === 'note' && l['message'] !== 'findings');
    expect(
      opNotes.map((l) => (l['detail'] as { operationStatus: string }).operationStatus),
    ).toEqual(['Succeeded', 'Succeeded']);
  }, 60_000);

  it('explains a pool upgrade blocked by a PDB, naming it', async () => {
    r = await rig('strict-pdb', 2000, 'upgrades', fast);
    await r.host.open('upgrades');
    expect(view(r).findings?.find((f) => f.id === 'versions.pdb-blocks-drain')?.message).toContain(
      'data/ledger',
    );
    await r.host.send('upgrades', { type: 'target', version: '1.32.5' });
    const cp = await confirmed(r, 'c');
    expect(cp.details?.join('\n')).toMatch(/pool upgrades after this one .*blocked by/);
    expect(cp.details?.join('\n')).toMatch(/pool \w+: PDB data\/ledger/);
    const stalls: string[] = [];
    const stop = r.store.subscribe(() => {
      for (const s of state(r!).rotation?.estimate?.stalls ?? [])
        stalls.push(`${s.node} ${s.budgets.join(',')}`);
      const line = r!.store.getState().operation?.stall;
      if (line)
        stalls.push(`status line ${line.budgets.join(',')} ${line.givesUpAt ? 'countdown' : ''}`);
    });
    const pool = await confirmed(r, 'n');
    stop();
    // The confirmation said it before anything was sent: the budget, and what AKS will do.
    const said = pool.details?.join('\n') ?? '';
    expect(said).toContain('Predicted to block this upgrade');
    expect(said).toMatch(/PDB data\/ledger .*allows 0 disruptions/);
    expect(said).toMatch(/AKS tries to drain each node for up to \d+ min/);
    expect(said).toMatch(/undrainableNodeBehavior (Schedule|Cordon)/);
    // During the stall the progress named the budget holding the node.
    expect(stalls.some((s) => s.endsWith(' data/ledger'))).toBe(true);
    // So did the status line every screen shows.
    expect(stalls).toContain('status line data/ledger countdown');
    const result = view(r).result?.join('\n') ?? '';
    expect(result).toContain('UpgradeFailed');
    expect(result).toContain('PodDisruptionBudget data/ledger');
    expect(result).toMatch(/undrainableNodeBehavior: Cordon/);
    expect(state(r).rotation?.status).toBe('failed');
    expect(state(r).rotation?.rows.some((row) => row.phase === 'blocked')).toBe(true);
    // The nodes AKS never reached say so: none still reads as waiting for its turn.
    const phases = state(r).rotation?.rows.map((row) => row.phase) ?? [];
    expect(phases).toContain('unreached');
    expect(phases).not.toContain('waiting');
    const failed = r
      .journalLines()
      .filter((l) => l['type'] === 'result')
      .at(-1);
    expect(failed).toMatchObject({ outcome: 'failed' });
    expect(String(failed?.['error'])).toContain('UpgradeFailed');
    // The hand-over: one key takes the operator to the drain step's view of what the PDB blocks.
    expect(view(r).actions?.find((a) => a.key === 'd')?.label).toContain('data/ledger');
    await r.host.send('upgrades', { type: 'action', key: 'd' });
    expect(r.store.getState().focus?.step).toBe('drain');
  }, 60_000);

  it('says an in-place pool (maxSurge 0) adds no surge nodes and drains maxUnavailable at a time', async () => {
    r = await rig('demo', 400, 'upgrades', fast);
    for (const p of r.sim.aks.state.pools) {
      p.upgradeSettings = { ...p.upgradeSettings, maxSurge: '0', maxUnavailable: '1' };
    }
    await r.host.open('upgrades');
    const summary = viewText(view(r).summary ?? []);
    expect(summary).toMatch(
      /maxSurge 0, maxUnavailable 1 \(in place, no surge nodes: 1 node cordoned/,
    );
    await r.host.send('upgrades', { type: 'target', version: '1.32.5' });
    await confirmed(r, 'c');
    const writes = r.sim.log.writes().length;
    const pool = await confirmed(r, 'n', false);
    expect(pool.change).toContain('AKS adds no surge nodes');
    expect(pool.change).not.toContain('adds surge nodes');
    expect(pool.details?.[0]).toBe(
      'maxSurge 0, maxUnavailable 1: in place, no surge nodes: 1 node cordoned and drained at a time.',
    );
    // The capacity the pool loses meanwhile, asked before it is lost.
    expect(pool.details?.[1]).toMatch(
      /^AKS adds no surge node \(maxSurge 0\) and takes 1 node of pool \w+ out at a time: only \d+ of \d+ nodes are ready meanwhile/,
    );
    // Cancelled: nothing was sent.
    expect(r.sim.log.writes()).toHaveLength(writes);
  }, 60_000);

  it('explains 409 while another operation runs, and aborts it', async () => {
    // Slow enough that the other operation is still running when the abort lands, even on a loaded machine.
    r = await rig('minimal', 20, 'upgrades', fast);
    await r.host.open('upgrades');
    const { client, at } = r.connection.arm!;
    const other = client.agentPools.upgradeNodeImageVersion(at.resourceGroup, at.name, 'system', {
      updateIntervalInMs: 5,
    });
    await until(
      () => r!.sim.aks.state.pools[0]!.provisioningState === 'UpgradingNodeImageVersion',
      'node image upgrade to start',
    );
    await r.host.send('upgrades', { type: 'target', version: '1.32.5' });
    await confirmed(r, 'c');
    const result = view(r).result?.join('\n') ?? '';
    expect(result).toContain('HTTP 409');
    expect(result).toContain('Another operation is still running');
    expect(view(r).actions?.find((a) => a.key === 'a')?.unavailable).toBeUndefined();
    const sent = r.host.send('upgrades', { type: 'action', key: 'a' });
    await until(() => r!.store.getState().confirmation, 'abort confirmation');
    r.store.answer(true);
    await sent;
    await expect(other.pollUntilDone()).rejects.toThrow();
    expect(r.sim.aks.state.pools[0]!.provisioningState).toBe('Canceled');
    expect(
      r
        .journalLines()
        .filter((l) => l['type'] === 'intent')
        .map((l) => l['action']),
    ).toEqual(['upgrade control plane', 'abort latest operation']);
  }, 60_000);

  it('sends no ARM write in read-only mode', async () => {
    r = await rig('demo', 400, 'upgrades', fast, { readOnly: true });
    await r.host.open('upgrades');
    expect(view(r).actions).toEqual([]);
    await r.host.send('upgrades', { type: 'target', version: '1.32.5' });
    await r.host.send('upgrades', { type: 'action', key: 'c' });
    expect(r.store.getState().confirmation).toBeUndefined();
    expect(r.sim.log.entries.filter((e) => e.effect !== 'read')).toEqual([]);
  });

  it('shows the exact PUT in dry-run mode and sends nothing', async () => {
    r = await rig('demo', 400, 'upgrades', fast, { dryRun: true });
    await r.host.open('upgrades');
    await r.host.send('upgrades', { type: 'target', version: '1.32.5' });
    const sent = r.host.send('upgrades', { type: 'action', key: 'c' });
    // Asked as for real, marked as a dry run; nothing is sent whatever the answer.
    await until(() => r!.store.getState().confirmation !== undefined, 'the confirmation');
    expect(r.store.getState().confirmation).toMatchObject({ dryRun: true });
    expect(r.store.getState().confirmation?.change).toMatch(/^\(dry run\) /);
    r.store.answer(true);
    await sent;
    const plan = viewText(view(r).plan ?? []);
    expect(plan).toContain(`PUT …/managedClusters/${r.sim.arm.name}`);
    expect(plan).toContain('"kubernetesVersion": "1.32.5"');
    expect(plan).toContain('"orchestratorVersion": "1.31.8"');
    expect(view(r).result).toEqual(['Dry run: this PUT was not sent; nothing changed.']);
    expect(r.sim.log.writes()).toEqual([]);
  });
});
