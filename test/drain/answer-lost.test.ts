// Writes of the drain step the API server processed and then dropped the answer of (the
// simulator's loseAnswer fault): the step reads the object again, says what it found, and the
// journal ends each one with what the read showed, not "unknown". Real clients over HTTPS.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DRAIN_OPTIONS } from '../../src/model/drain.js';
import type { HeldRequest } from '../../src/sim/simulator.js';
import { digestSession } from '../../src/report/journal-digest.js';
import { drainRig, FAST, nodeOf } from './rig.js';
import { journalRecords, until } from './sim-session.js';

type Rig = Awaited<ReturnType<typeof drainRig>>;
let rig: Rig | undefined;
let held: HeldRequest | undefined;
afterEach(async () => {
  held?.release();
  held = undefined;
  await rig?.close();
  rig = undefined;
});

const NODE = '^/api/v1/nodes/[^/]+$';

/** An apps node that does not run the database behind the strict PDB. */
const cleanNode = (r: Rig) =>
  r.state().nodes.find((n) => n.pool === 'apps' && n.name !== nodeOf(r.sim, 'orders-db'))!.name;

/** The result lines journaled for the intent of `action` on `target`, in order. */
function resultsOf(r: Rig, action: string, target: string) {
  const records = journalRecords(r.journal);
  const intent = records.find(
    (x) => x['type'] === 'intent' && x['action'] === action && x['target'] === target,
  );
  expect(intent, `an intent to ${action} ${target}`).toBeDefined();
  return records
    .filter((x) => x['type'] === 'result' && x['id'] === intent!['id'])
    .map((x) => ({ outcome: x['outcome'], settled: x['settled'] }));
}

async function unsettled(r: Rig): Promise<string[]> {
  return digestSession(await r.journal.read()).unsettled.map(
    (c) => `${c.intent.action} ${c.intent.target}`,
  );
}

describe('a cordon whose answer was lost', () => {
  it('cordoned after all: said so from the read, journaled settled; the uncordon offer works', async () => {
    rig = await drainRig('demo', {}, 600, FAST, {
      api: 'kube',
      loseAnswer: 1,
      pathPattern: NODE,
      methods: ['PATCH'],
    });
    await rig.host.open('drain');
    const node = cleanNode(rig);
    await rig.confirmed({ type: 'drain', nodes: [node] });

    expect(rig.sim.kube.getNode(node)?.['spec']).toMatchObject({ unschedulable: true });
    const n = rig.state().progress!.nodes[0]!;
    expect(n).toMatchObject({ phase: 'cordon-unknown', cordoned: true });
    expect(n.maybeCordoned).toBeUndefined();
    expect(n.notes.join('\n')).toMatch(
      /its answer was lost; reading the node again shows it cordoned/,
    );
    const result = rig.view().result ?? [];
    expect(result[0]).toBe(`? ${node}: cordon-unknown (0/0 pods moved, cordoned)`);
    expect(result.join('\n')).toMatch(
      /reading it again shows it cordoned\), so nothing was evicted/,
    );
    expect(result.join('\n')).not.toMatch(/may be cordoned|outcome unknown/);
    expect(rig.sim.log.entries.filter((e) => /eviction$/.test(e.path))).toEqual([]);
    expect(resultsOf(rig, 'cordon', `node/${node}`)).toEqual([
      { outcome: 'unknown', settled: undefined },
      { outcome: 'ok', settled: `node ${node} is cordoned` },
    ]);
    expect(await unsettled(rig)).toEqual([]);

    // Offered for uncordon as a node the drain left cordoned; that answer is lost too.
    expect(rig.state().leftCordoned).toEqual([node]);
    const asked = await rig.confirmed({ type: 'uncordon', nodes: rig.state().leftCordoned });
    expect(asked.change).toBe(`Uncordon node ${node}`);
    expect(rig.view().result).toEqual([
      `✔ ${node} uncordoned (its answer was lost; reading the node again shows it uncordoned)`,
    ]);
    expect(rig.sim.kube.getNode(node)?.['spec']).not.toMatchObject({ unschedulable: true });
    expect(rig.state().leftCordoned).toEqual([]);
    expect(resultsOf(rig, 'uncordon', `node/${node}`)).toEqual([
      { outcome: 'unknown', settled: undefined },
      { outcome: 'ok', settled: `node ${node} is schedulable` },
    ]);
    expect(await unsettled(rig)).toEqual([]);
  });

  it('and the read fails too: maybe cordoned (it is), journaled unknown; the uncordon reads it and uncordons', async () => {
    rig = await drainRig('demo', {}, 600, FAST, {
      api: 'kube',
      loseAnswer: 1,
      pathPattern: NODE,
      methods: ['PATCH'],
    });
    await rig.host.open('drain');
    const node = cleanNode(rig);
    let patched = false;
    let failReads = true;
    // Every read of the node after its PATCH is reset until the drain is over.
    held = rig.sim.hold((method, path) => {
      if (method === 'PATCH' && new RegExp(NODE).test(path)) patched = true;
      return failReads && patched && method === 'GET' && new RegExp(NODE).test(path);
    });
    held.drop();
    await rig.confirmed({ type: 'drain', nodes: [node] });
    failReads = false;

    expect(rig.sim.kube.getNode(node)?.['spec']).toMatchObject({ unschedulable: true });
    const n = rig.state().progress!.nodes[0]!;
    expect(n).toMatchObject({ phase: 'cordon-unknown', cordoned: false, maybeCordoned: true });
    expect(n.notes.join('\n')).toMatch(/outcome unknown/);
    expect(n.notes.join('\n')).toContain(`kubectl get node ${node}`);
    expect(rig.view().result?.[0]).toBe(
      `? ${node}: cordon-unknown (0/0 pods moved, maybe cordoned)`,
    );
    expect(resultsOf(rig, 'cordon', `node/${node}`)).toEqual([
      { outcome: 'unknown', settled: undefined },
    ]);
    expect(await unsettled(rig)).toContain(`cordon node/${node}`);

    expect(rig.state().leftCordoned).toEqual([node]);
    await rig.confirmed({ type: 'uncordon', nodes: rig.state().leftCordoned });
    expect(rig.view().result).toEqual([
      `✔ ${node} uncordoned (its answer was lost; reading the node again shows it uncordoned)`,
    ]);
    expect(rig.sim.kube.getNode(node)?.['spec']).not.toMatchObject({ unschedulable: true });
    expect(rig.state().leftCordoned).toEqual([]);
  });
});

describe('a cordon reset unprocessed whose read fails too', () => {
  it('maybe cordoned until a look shows it schedulable: then no longer offered for uncordon', async () => {
    rig = await drainRig('demo', {}, 600, FAST, {
      api: 'kube',
      reset: 1,
      pathPattern: NODE,
      methods: ['PATCH'],
    });
    await rig.host.open('drain');
    const node = cleanNode(rig);
    let patched = false;
    held = rig.sim.hold((method, path) => {
      if (method === 'PATCH' && new RegExp(NODE).test(path)) patched = true;
      return patched && method === 'GET' && new RegExp(NODE).test(path);
    });
    held.drop();
    await rig.confirmed({ type: 'drain', nodes: [node] });

    expect(rig.state().progress!.nodes[0]).toMatchObject({
      phase: 'cordon-unknown',
      maybeCordoned: true,
    });
    // The look after the drain (a list of nodes, not the reset read) shows it schedulable.
    expect(rig.state().nodes.find((x) => x.name === node)?.schedulable).toBe(true);
    expect(rig.state().leftCordoned).toEqual([]);
    // So our cordon did not land: forgotten. A colleague cordons the node later: not ours.
    expect(rig.state().maybeCordoned).toEqual({});
    held.release();
    rig.sim.kube.setUnschedulable(node, true);
    const r = rig;
    await until(
      () => r.state().nodes.find((x) => x.name === node)?.schedulable === false,
      'a look showing the colleague cordon',
    );
    expect(r.state().leftCordoned).toEqual([]);
  });
});

describe('an eviction whose answer was lost', () => {
  it('the pod terminating: waited for until gone, drained, journaled settled', async () => {
    // A slower clock: the pods' grace period outlasts the read after the eviction.
    rig = await drainRig('demo', {}, 30, FAST, {
      api: 'kube',
      loseAnswer: 1,
      pathPattern: '/eviction$',
      methods: ['POST'],
    });
    await rig.host.open('drain');
    const node = cleanNode(rig);
    await rig.confirmed({ type: 'drain', nodes: [node] });

    const n = rig.state().progress!.nodes[0]!;
    expect(n.phase).toBe('drained');
    expect(n.pods.length).toBeGreaterThan(0);
    for (const p of n.pods) {
      expect(p.state).toBe('gone');
      const target = `pod/${p.namespace}/${p.name}`;
      expect(resultsOf(rig, 'evict pod', target)).toEqual([
        { outcome: 'unknown', settled: undefined },
        { outcome: 'ok', settled: `pod ${p.namespace}/${p.name} is terminating` },
      ]);
      // One eviction each: a pod seen terminating is never evicted again.
      const posts = rig.sim.log.entries.filter(
        (e) => e.method === 'POST' && e.path.endsWith(`/${p.name}/eviction`),
      );
      expect(posts).toHaveLength(1);
    }
    expect(rig.view().result?.[0]).toBe(
      `✔ ${node}: drained (${n.pods.length}/${n.pods.length} pods moved, cordoned)`,
    );
    expect(await unsettled(rig)).toEqual([]);
  });

  it('the pod gone: drained, journaled settled', async () => {
    rig = await drainRig('demo', {}, 600, FAST, {
      api: 'kube',
      loseAnswer: 1,
      pathPattern: '/eviction$',
      methods: ['POST'],
    });
    await rig.host.open('drain');
    const node = cleanNode(rig);
    // No grace period: an evicted pod is deleted at once, gone by the read after.
    await rig.host.send('drain', {
      type: 'options',
      options: { ...DEFAULT_DRAIN_OPTIONS, gracePeriodSeconds: 0 },
    });
    await rig.confirmed({ type: 'drain', nodes: [node] });

    const n = rig.state().progress!.nodes[0]!;
    expect(n.phase).toBe('drained');
    expect(n.pods.length).toBeGreaterThan(0);
    for (const p of n.pods) {
      expect(p.state).toBe('gone');
      expect(resultsOf(rig, 'evict pod', `pod/${p.namespace}/${p.name}`)).toEqual([
        { outcome: 'unknown', settled: undefined },
        { outcome: 'ok', settled: `pod ${p.namespace}/${p.name} is gone` },
      ]);
    }
    expect(await unsettled(rig)).toEqual([]);
  });
});
