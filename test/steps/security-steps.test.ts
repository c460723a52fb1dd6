import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { apiAccessStep } from '../../src/steps/api-access/index.js';
import { makeDefenderStep } from '../../src/steps/defender/index.js';
import { connect } from '../../src/target/connect.js';
import { type Connection } from '../../src/model/connection.js';
import { connectToSim, hostFor, until, DEMO_WORKSPACE } from '../helpers/sim-session.js';
import { tempDir } from '../helpers/temp-dir.js';
import { viewText } from '../../src/steps/contract/view.js';

const WORKSPACE = DEMO_WORKSPACE;

const factories = {
  defender: makeDefenderStep({ pollMs: 5 }),
  'api-access': apiAccessStep,
};

let sim: Simulator;
let connection: Connection;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', speed: 2000 });
  connection = await connectToSim(sim);
});
afterAll(() => sim.close());

const armWrites = () => sim.log.entries.filter((e) => e.api === 'arm' && e.effect === 'write');

describe('api-access on the demo cluster', () => {
  it('shows the access findings with their commands and changes nothing', async () => {
    const before = sim.log.entries.length;
    const { store, host, close } = await hostFor(connection, factories);
    await host.open('api-access');
    const view = store.getState().stepViews['api-access']!;
    expect(view.findings?.map((f) => f.id)).toEqual([
      'access.azure-rbac-off',
      'access.local-accounts-on',
      'access.api-public',
    ]);
    expect(view.findings?.[1]?.remediation).toBe(
      `az aks update --subscription ${sim.arm.subscriptionId} -g ${sim.arm.resourceGroup} -n ${sim.arm.name} --disable-local-accounts`,
    );
    expect(view.actions).toEqual([]);
    expect(sim.log.entries.slice(before).filter((e) => e.effect !== 'read')).toEqual([]);
    await close();
  });
});

describe('defender on the demo cluster', () => {
  it('read-only: shows defender.disabled, offers nothing, sends no write', async () => {
    const writes = armWrites().length;
    const { store, host, close } = await hostFor(connection, factories, { readOnly: true });
    await host.open('defender');
    const view = store.getState().stepViews.defender!;
    expect(view.findings?.map((f) => [f.id, f.severity])).toEqual([
      ['defender.disabled', 'medium'],
    ]);
    expect(view.findings?.[0]?.remediation).toContain('--enable-defender');
    expect(view.actions).toEqual([]);
    // No w key in read-only: the summary names none.
    expect(view.summary).toContain(
      'Enabling needs a Log Analytics workspace: none is tied to this cluster.',
    );
    await host.send('defender', { type: 'action', key: 'w' });
    await host.send('defender', { type: 'workspace', id: WORKSPACE });
    await host.send('defender', { type: 'action', key: 'e' });
    expect(store.getState().confirmation).toBeUndefined();
    expect(armWrites().length).toBe(writes);
    await close();
  });

  it('offers enabling only with a workspace (ARM requires one), names a typed one, and refuses a malformed id', async () => {
    const writes = armWrites().length;
    const { store, host, close } = await hostFor(connection, factories);
    await host.open('defender');
    const enable = () => store.getState().stepViews.defender?.actions?.find((a) => a.key === 'e');
    expect(enable()?.unavailable).toBe(
      'give the Log Analytics workspace first (w): ARM requires one to enable Defender',
    );
    expect(enable()?.label).toBe('Enable Defender for Containers (paid plan)');
    expect(store.getState().stepViews.defender?.summary).toContain(
      'Enabling needs a Log Analytics workspace: none is tied to this cluster (w: give one).',
    );
    // The key does nothing while it is not offered: no read, no confirmation, no PUT.
    await host.send('defender', { type: 'action', key: 'e' });
    expect(store.getState().confirmation).toBeUndefined();
    expect(armWrites().length).toBe(writes);
    await host.send('defender', { type: 'action', key: 'w' });
    expect(store.getState().stepStates.defender).toMatchObject({ asking: true });
    await host.send('defender', { type: 'workspace', id: 'law-shop' });
    expect(store.getState().stepStates.defender).toMatchObject({
      asking: true,
      error: expect.stringMatching(/not a workspace resource id/) as unknown,
    });
    await host.send('defender', { type: 'workspace', id: WORKSPACE });
    expect(store.getState().stepStates.defender).toMatchObject({ asking: false });
    expect(enable()?.unavailable).toBeUndefined();
    // The workspace's name is what the operator reads, whatever the width.
    expect(enable()?.label).toBe(
      'Enable Defender for Containers (paid plan), reporting to law-shop (resource group rg-monitoring)',
    );
    expect(store.getState().stepViews.defender?.summary).toContain(
      'Enabling would use: law-shop (resource group rg-monitoring), typed by you',
    );
    await close();
  });

  it('dry run: asks the same typed question marked as a dry run, shows and journals the PUT, sends no ARM write', async () => {
    const writes = armWrites().length;
    const { store, host, close, journalLines } = await hostFor(connection, factories, {
      dryRun: true,
    });
    await host.open('defender');
    await host.send('defender', { type: 'workspace', id: WORKSPACE });
    const sent = host.send('defender', { type: 'action', key: 'e' });
    // The same question as for real (typed: a paid plan), said to be a dry run.
    await until(() => store.getState().confirmation !== undefined, 'the confirmation');
    expect(store.getState().confirmation).toMatchObject({
      dryRun: true,
      typed: 'aks-shop-prod',
      change: expect.stringMatching(
        /^\(dry run\) Enable Microsoft Defender for Containers/,
      ) as string,
    });
    store.answer(true);
    await sent;
    // ARM has no server-side dry run: the change is shown, never sent.
    const view = store.getState().stepViews.defender!;
    expect(viewText(view.plan ?? [])).toContain(
      `"logAnalyticsWorkspaceResourceId": "${WORKSPACE}"`,
    );
    expect(view.plan?.[0]).toMatch(
      /^PUT \/subscriptions\/.*\/managedClusters\/aks-shop-prod \(If-Match: /,
    );
    expect(view.result).toEqual(['Dry run: the PUT above was not sent. Nothing changed.']);
    expect(armWrites().length).toBe(writes);
    expect(view.findings?.map((f) => f.id)).toEqual(['defender.disabled']);
    expect(
      journalLines().find(
        (l) =>
          l['type'] === 'note' &&
          l['step'] === 'defender' &&
          String(l['message']).startsWith('dry run'),
      ),
    ).toMatchObject({ detail: { workspace: WORKSPACE } });
    await close();
  });

  it('enables Defender with a typed workspace: confirm, PUT, follow the operation, verify', async () => {
    const { store, journal, host, close } = await hostFor(connection, factories);
    await host.open('defender');
    await host.send('defender', { type: 'action', key: 'w' });
    await host.send('defender', { type: 'workspace', id: WORKSPACE });
    const sent = host.send('defender', { type: 'action', key: 'e' });
    await until(() => store.getState().confirmation !== undefined, 'the confirmation');
    expect(armWrites()).toHaveLength(0);
    store.answer(true);
    await sent;
    const view = store.getState().stepViews.defender!;
    expect(view.result).toEqual([
      `✔ Verified: Defender for Containers is on, reporting to ${WORKSPACE}.`,
    ]);
    expect(view.findings).toEqual([]);
    expect(view.progress?.some((l) => /Azure operation: (running|succeeded)/.test(l))).toBe(true);
    expect(store.getState().steps.defender).toEqual({
      kind: 'changed',
      what: 'Enabled Defender for Containers',
    });
    const puts = armWrites();
    expect(puts.map((e) => `${e.method} ${e.path}`)).toEqual([
      `PUT /subscriptions/${sim.arm.subscriptionId}/resourceGroups/${sim.arm.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${sim.arm.name}`,
    ]);
    expect(sim.aks.state.defender).toEqual({
      enabled: true,
      logAnalyticsWorkspaceResourceId: WORKSPACE,
    });
    expect(view.actions?.find((a) => a.key === 'e')?.unavailable).toBe('Defender is already on');
    await close();
    const types = readFileSync(journal.path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { type: string }).type)
      .filter((t) => t !== 'note');
    expect(types).toEqual(['session', 'confirmation', 'intent', 'result']);
  });
});

describe('a kubeconfig-only connection', () => {
  it('says exactly what to add for the Azure-side steps', async () => {
    const dir = tempDir('kc-');
    const file = join(dir, 'config');
    writeFileSync(file, sim.userKubeconfig());
    const kubeOnly = await connect(
      { cloud: 'AzureCloud', demo: false, kubeconfig: file },
      { env: {}, mode: { readOnly: false, dryRun: false } },
    );
    const { store, host, close } = await hostFor(kubeOnly, factories);
    await host.open('defender');
    await host.open('api-access');
    for (const id of ['defender', 'api-access'] as const) {
      expect(store.getState().steps[id]).toMatchObject({
        kind: 'unavailable',
        why: expect.stringMatching(
          /start again with --subscription <subscription-id> -g <resource-group> -n \S+/,
        ) as unknown,
      });
    }
    await close();
  });
});
