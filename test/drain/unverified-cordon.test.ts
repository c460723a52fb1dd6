// A cordon whose verifying look fails leaves the step stale, with the lifecycle's `l` on offer:
// uncordon is refused until a look works, and `l` (what the drain screens bind) is that look.
import { afterEach, describe, expect, it } from 'vitest';
import type { HeldRequest } from '../../src/sim/simulator.js';
import { drainRig, nodeOf } from './rig.js';

type Rig = Awaited<ReturnType<typeof drainRig>>;
let rig: Rig | undefined;
let held: HeldRequest | undefined;
afterEach(async () => {
  held?.release();
  held = undefined;
  await rig?.close();
  rig = undefined;
});

describe('a cordon whose verifying look fails', () => {
  it('is not verified, uncordon waits for a look, l looks again, then uncordon works', async () => {
    rig = await drainRig('demo');
    await rig.host.open('drain');
    const node = rig
      .state()
      .nodes.find((n) => n.pool === 'apps' && n.name !== nodeOf(rig!.sim, 'orders-db'))!.name;
    let written = false;
    // Every Kubernetes read after the cordon's write waits: the look after it runs out of time.
    held = rig.sim.hold((method, path) => {
      if (method === 'PATCH' && path.startsWith('/api/v1/nodes/')) written = true;
      return written && method === 'GET' && !path.includes('/subscriptions/');
    });
    await rig.confirmed({ type: 'cordon', nodes: [node] });
    expect(rig.view().result?.[0]).toBe(`✔ ${node} cordoned`);
    expect(rig.view().result?.[1]).toMatch(
      /^▲ Done, NOT verified\. Press l to look again: the cluster was not read back/,
    );
    expect(rig.view().actions).toEqual([{ key: 'l', label: 'Look again' }]);
    expect(rig.state().leftCordoned).toEqual([node]);

    // Stale: the uncordon is refused until a look works.
    await rig.host.send('drain', { type: 'uncordon', nodes: [node] });
    expect(rig.store.getState().confirmation).toBeUndefined();
    // Said under the change's lines, which stay: the cordon is still not verified.
    const refused = rig.view().result ?? [];
    expect(refused[0]).toBe(`✔ ${node} cordoned`);
    expect(refused.join('\n')).toContain('Done, NOT verified');
    expect(refused.at(-1)).toMatch(/^✖ Not started: .*Look again first\.$/);

    held.release();
    await rig.host.send('drain', { type: 'action', key: 'l' });
    expect(rig.view().actions ?? []).toEqual([]);
    expect(rig.state().nodes.find((n) => n.name === node)?.schedulable).toBe(false);

    await rig.confirmed({ type: 'uncordon', nodes: [node] });
    expect(rig.view().result).toEqual([`✔ ${node} uncordoned`]);
    expect(rig.state().leftCordoned).toEqual([]);
    const spec = rig.sim.kube.getNode(node)?.spec as { unschedulable?: boolean } | undefined;
    expect(spec?.unschedulable ?? false).toBe(false);
  }, 60_000);
});
