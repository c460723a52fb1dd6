// A dry-run drain of two nodes in one batch, each running a storefront pod under PDB
// shop/storefront (maxUnavailable 1): a real drain of that batch waits on the budget (the second
// eviction is refused with 429 until the first pod's replacement is Ready; see drain-e2e's batch
// test), but a dry-run eviction never decrements the budget (eviction.go: the status update is
// skipped for dry runs), so each dry-run eviction is granted on its own. The dry run must judge the
// batch's evictions against one allowance and report the wait (README: "pods a budget's allowance
// does not cover ... are reported at once as would wait on PDB"), not tick both nodes as checked.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DRAIN_OPTIONS } from '../../src/model/drain.js';
import { drainRig, nodeOf } from './rig.js';

type Rig = Awaited<ReturnType<typeof drainRig>>;
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('a dry-run drain of a batch under one budget', () => {
  it('reports that a storefront pod would wait on its PDB', async () => {
    rig = await drainRig('demo', { dryRun: true }, 60);
    await rig.host.open('drain');
    const pair = rig
      .state()
      .nodes.filter((n) => n.pool === 'apps' && n.name !== nodeOf(rig!.sim, 'orders-db'))
      .map((n) => n.name);
    expect(pair).toHaveLength(2);
    for (const n of pair) {
      expect(
        rig.sim.kube.podsOnNode(n).some((p) => p.metadata.labels?.['app'] === 'storefront'),
      ).toBe(true);
    }
    await rig.host.send('drain', {
      type: 'options',
      options: { ...DEFAULT_DRAIN_OPTIONS, batchSize: 2, timeoutSeconds: 20 },
    });
    const asked = await rig.confirmed({ type: 'drain', nodes: pair });
    // The question said it before anything was sent.
    expect(asked.details?.join('\n')).toMatch(/wait on a PDB/);
    const progress = rig.state().progress!;
    const pods = progress.nodes.flatMap((n) => n.pods);
    expect(pods.some((p) => p.state === 'would-wait' && p.pdb === 'storefront')).toBe(true);
    const held = progress.nodes.find((n) =>
      n.pods.some((p) => p.pdb === 'storefront' && p.state === 'would-wait'),
    )!;
    expect(held.phase).toBe('would-wait');
    expect(held.notes.join('\n')).toMatch(/dry run: PDB storefront would refuse 1 pod/);
  });
});
