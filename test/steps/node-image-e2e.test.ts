// The node-image step end to end on the simulated AKS through StepHost and the SessionStore.
import { afterEach, describe, expect, it } from 'vitest';
import { makeNodeImageStep } from '../../src/steps/node-image/index.js';
import { type NodeImageState } from '../../src/steps/node-image/state.js';
import { rig, until, type StepRig } from './step-harness.js';

const fast = makeNodeImageStep({ updateIntervalInMs: 5, nodePollMs: 5 });
let r: StepRig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const view = (x: StepRig) => x.store.getState().stepViews['node-image'] ?? {};
const findings = (x: StepRig) => view(x).findings ?? [];

describe('node-image step on the simulator', () => {
  it('flags Windows and kured reboots, then moves one pool to the latest image', async () => {
    r = await rig('demo', 400, 'node-image', fast);
    await r.host.open('node-image');
    const byId = (id: string) => findings(r!).filter((f) => f.id === id);
    expect(byId('nodeimage.windows-outdated')).toHaveLength(1);
    expect(byId('nodeimage.windows-outdated')[0]!.message).toContain('no nightly patches');
    expect(byId('nodeimage.outdated').map((f) => f.object?.name)).toEqual(['system', 'apps']);
    expect(byId('reboot.required')).toHaveLength(1);
    expect(byId('reboot.required')[0]!.message).toMatch(
      /since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ.*in progress/,
    );
    expect(byId('reboot.kured-missing')).toEqual([]);
    expect(view(r).summary?.join('\n')).toContain('Node OS channel: Unmanaged');

    await r.host.send('node-image', { type: 'action', key: 'b' });
    expect(view(r).plan?.[0]).toContain('open the drain step');

    const sent = r.host.send('node-image', { type: 'action', key: '1' });
    const asked = await until(() => r!.store.getState().confirmation, 'confirmation');
    expect(asked.typed).toBe(r.sim.arm.name);
    expect(asked.change).toContain('pool system');
    r.store.answer(true);
    await sent;
    const latest = r.sim.aks.state.pools.find((p) => p.name === 'system')!.latestNodeImageVersion;
    const labels = r.sim.kube
      .listNodes()
      .filter((n) => n.metadata.labels?.['kubernetes.azure.com/agentpool'] === 'system')
      .map((n) => n.metadata.labels?.['kubernetes.azure.com/node-image-version']);
    expect(new Set(labels)).toEqual(new Set([latest]));
    const rotation = (r.store.getState().stepStates['node-image'] as NodeImageState).rotation!;
    expect(rotation.status).toBe('succeeded');
    expect(rotation.rows.filter((x) => !x.surge).every((x) => x.phase === 'replaced')).toBe(true);
    expect(view(r).result?.[0]).toContain('succeeded');
    expect(
      findings(r)
        .filter((f) => f.id === 'nodeimage.outdated')
        .map((f) => f.object?.name),
    ).toEqual(['apps']);
    expect(view(r).actions?.find((a) => a.key === '1')?.unavailable).toBe(
      'already on the latest node image',
    );
  }, 60_000);

  it('sends nothing in read-only or dry-run mode', async () => {
    r = await rig('demo', 400, 'node-image', fast, { readOnly: true });
    await r.host.open('node-image');
    expect(view(r).actions).toEqual([]);
    await r.host.send('node-image', { type: 'action', key: '1' });
    expect(r.sim.log.entries.filter((e) => e.effect !== 'read')).toEqual([]);
    await r.close();
    r = await rig('demo', 400, 'node-image', fast, { dryRun: true });
    await r.host.open('node-image');
    const sent = r.host.send('node-image', { type: 'action', key: '3' });
    // Asked as for real, marked as a dry run; nothing is sent whatever the answer.
    await until(() => r!.store.getState().confirmation, 'the dry-run confirmation');
    expect(r.store.getState().confirmation).toMatchObject({ dryRun: true });
    r.store.answer(true);
    await sent;
    expect(view(r).plan?.[0]).toContain('agentPools/win/upgradeNodeImageVersion');
    expect(view(r).result).toEqual(['Dry run: this request was not sent; nothing changed.']);
    expect(r.sim.log.writes()).toEqual([]);
  }, 60_000);
});
