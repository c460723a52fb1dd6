// Cordon and uncordon read the node first: one already as wanted gets no write and is named so.
import { CoreV1Api } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { drainRig, nodeOf } from './rig.js';

type Rig = Awaited<ReturnType<typeof drainRig>>;
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const nodeWrites = (r: Rig, from: number) =>
  r.sim.log.entries
    .slice(from)
    .filter((e) => e.effect === 'write' && /\/api\/v1\/nodes\//.test(e.path));

describe('cordon and uncordon, run again', () => {
  it('uncordon of a node already uncordoned with kubectl: already in place, nothing sent', async () => {
    rig = await drainRig('demo');
    await rig.host.open('drain');
    const node = rig
      .state()
      .nodes.find((n) => n.pool === 'apps' && n.name !== nodeOf(rig!.sim, 'orders-db'))!.name;
    await rig.confirmed({ type: 'cordon', nodes: [node] });
    expect(rig.view().result).toEqual([`✔ ${node} cordoned`]);
    expect(rig.state().leftCordoned).toEqual([node]);

    // kubectl uncordon in another terminal, then u in the runbook.
    await rig.connection.kc.makeApiClient(CoreV1Api).patchNode({
      name: node,
      body: [{ op: 'replace', path: '/spec/unschedulable', value: false }],
    });
    const before = rig.sim.log.entries.length;
    await rig.confirmed({ type: 'uncordon', nodes: [node] });
    expect(rig.view().result).toEqual([
      `✔ ${node}: already uncordoned (already in place; nothing sent)`,
    ]);
    expect(nodeWrites(rig, before)).toEqual([]);
    expect(rig.state().leftCordoned).toEqual([]);
  });
});

describe('cordon of several nodes where one fails', () => {
  it('names the failure, marks the step failed, and counts only the node really cordoned', async () => {
    rig = await drainRig('demo');
    await rig.host.open('drain');
    const [kept, gone] = rig
      .state()
      .nodes.filter((n) => n.schedulable && n.pool === 'apps')
      .map((n) => n.name);
    expect(gone).toBeDefined();
    // The node disappears (scale-in, another operator) after the table was read.
    await rig.connection.kc.makeApiClient(CoreV1Api).deleteNode({ name: gone! });
    await rig.confirmed({ type: 'cordon', nodes: [kept!, gone!] });
    const result = rig.view().result ?? [];
    expect(result[0]).toBe(`✔ ${kept} cordoned`);
    expect(result[1]).toMatch(new RegExp(`^✖ ${gone}: `));
    expect(rig.state().leftCordoned).toEqual([kept]);
    expect(rig.store.getState().steps.drain).toMatchObject({ kind: 'failed' });
  });
});
