import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { defenderStep } from '../../src/steps/defender/index.js';
import { connectStep } from '../../src/steps/connect/index.js';
import { connectToSim, hostFor } from '../helpers/sim-session.js';

describe('rights preflight on the demo cluster (contributor, cluster-admin group)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ scenario: 'demo', speed: 1000 });
  });
  afterAll(() => sim.close());

  it('finds every right allowed, reads ARM permissions once, and writes nothing', async () => {
    const before = sim.log.entries.length;
    const connection = await connectToSim(sim);
    const rights = await connection.rights.answers();
    expect(Object.values(rights).every((a) => a?.state === 'allowed')).toBe(true);
    expect(rights['arm.cluster.write']).toEqual({ state: 'allowed' });
    const { store, host, close } = await hostFor(connection, { connect: connectStep });
    await host.open('connect');
    expect(store.getState().steps.connect).toEqual({ kind: 'ok' });
    const summary = store.getState().stepViews.connect?.summary ?? [];
    expect(
      summary.some((l) => /^defender\s+read the AKS cluster \(Azure\)\s+✔ allowed/.test(l)),
    ).toBe(true);
    const seen = sim.log.entries.slice(before);
    expect(
      seen.filter((e) => e.path.endsWith('/providers/Microsoft.Authorization/permissions')),
    ).toHaveLength(1);
    expect(seen.filter((e) => e.effect !== 'read')).toEqual([]);
    await close();
  });
});

describe('rights preflight with limited rights (ARM cluster user, Kubernetes view)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ scenario: 'limited-rights', speed: 1000 });
  });
  afterAll(() => sim.close());

  it('shows not-allowed rows with the reason, and refused reads as findings', async () => {
    const connection = await connectToSim(sim);
    const { store, host, close } = await hostFor(connection, { connect: connectStep });
    await host.open('connect');
    const view = store.getState().stepViews.connect!;
    const lines = view.summary ?? [];
    expect(
      lines.some((l) =>
        /\+ change the AKS cluster.*✖ not allowed: your Azure roles do not include Microsoft.ContainerService\/managedClusters\/write/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(lines.some((l) => /list ClusterRoleBindings\s+✖ not allowed/.test(l))).toBe(true);
    const ids = (view.findings ?? []).map((f) => `${f.id}:${f.object?.name}`);
    expect(ids).toContain('rights.read-forbidden:rbac');
    expect(ids).toContain('rights.change-forbidden:drain');
    expect(ids).not.toContain('rights.read-forbidden:drain');
    expect(ids).toContain('rights.change-forbidden:defender');
    expect(ids).not.toContain('rights.read-forbidden:defender');
    expect(ids).not.toContain('rights.read-forbidden:upgrades');
    expect(store.getState().steps.connect).toMatchObject({ kind: 'findings' });
    expect(sim.log.writes()).toEqual([]);
    await close();
  });
});

describe('rights learned on use', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ scenario: 'limited-rights', speed: 1000 });
  });
  afterAll(() => sim.close());

  it('hides the defender enable with the reason, and keeps a refusal met later', async () => {
    const connection = await connectToSim(sim);
    const { store, host, close } = await hostFor(connection, { defender: defenderStep });
    await host.open('defender');
    const enable = store.getState().stepViews.defender?.actions?.find((a) => a.key === 'e');
    expect(enable?.unavailable).toBe(
      'you may not change the AKS cluster (Azure) (your Azure roles do not include Microsoft.ContainerService/managedClusters/write)',
    );
    // Per namespace, asked once and remembered (the imds step asks for the namespaces it targets).
    const before = sim.log.entries.length;
    expect(await connection.rights.in('netpol.list', 'kube-system')).toEqual({ state: 'allowed' });
    expect(await connection.rights.in('netpol.create', 'kube-system')).toMatchObject({
      state: 'denied',
    });
    await connection.rights.in('netpol.create', 'kube-system');
    expect(sim.log.entries.slice(before)).toHaveLength(2);
    connection.rights.learn('nodes.patch', 'refused by the API server');
    expect((await connection.rights.answers())['nodes.patch']).toEqual({
      state: 'denied',
      reason: 'refused by the API server',
    });
    expect(sim.log.writes()).toEqual([]);
    await close();
  });
});
