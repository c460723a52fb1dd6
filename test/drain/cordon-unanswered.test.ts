// A cordon PATCH that got no answer within the request time limit: the API server may still be
// working on it (its own limit is longer), so a read showing the node still schedulable proves
// nothing. The drain says the outcome is unknown (never "failed"), evicts nothing, and follows the
// node: once the late cordon lands, a look offers it for uncordon. Real clients over HTTPS; the
// simulator holds the PATCH unprocessed past the client's (shortened) limit, then applies it.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS } from '../../src/model/bounds.js';
import { digestSession } from '../../src/report/journal-digest.js';
import type { HeldRequest } from '../../src/sim/simulator.js';
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

const NODE = /^\/api\/v1\/nodes\/[^/]+$/;
/** Long enough for a busy machine's reads, short enough to wait for once. */
const BOUNDS = { ...DEFAULT_BOUNDS, requestMs: 1_500 };

describe('a cordon that got no answer in time and reads back schedulable', () => {
  it('is unknown, not failed: maybe cordoned, nothing evicted, offered for uncordon once it lands', async () => {
    rig = await drainRig('demo', {}, 600, FAST, undefined, BOUNDS);
    await rig.host.open('drain');
    const r = rig;
    const node = r
      .state()
      .nodes.find((n) => n.pool === 'apps' && n.name !== nodeOf(r.sim, 'orders-db'))!.name;
    // The PATCH waits unprocessed until released: the client gives up on it first.
    held = r.sim.hold((method, path) => method === 'PATCH' && NODE.test(path));
    await r.confirmed({ type: 'drain', nodes: [node] });

    const n = r.state().progress!.nodes[0]!;
    expect(n).toMatchObject({ phase: 'cordon-unknown', cordoned: false, maybeCordoned: true });
    const notes = n.notes.join('\n');
    expect(notes).not.toMatch(/cordon failed|stays schedulable/);
    expect(notes).toMatch(/outcome unknown/);
    expect(notes).toMatch(/got no answer/);
    expect(notes).toMatch(/may still become cordoned/);
    expect(notes).toContain(`kubectl get node ${node}`);
    const result = r.view().result ?? [];
    expect(result[0]).toBe(`? ${node}: cordon-unknown (0/0 pods moved, maybe cordoned)`);
    expect(result.join('\n')).toMatch(/outcome is unknown \(it may be cordoned\)/);
    expect(r.sim.log.entries.filter((e) => /eviction$/.test(e.path))).toEqual([]);
    // Journaled unknown and left so: the read settles nothing.
    const records = journalRecords(r.journal);
    const intent = records.find((x) => x['type'] === 'intent' && x['action'] === 'cordon')!;
    const results = records.filter((x) => x['type'] === 'result' && x['id'] === intent['id']);
    expect(results.map((x) => x['outcome'])).toEqual(['unknown']);
    const unsettled = digestSession(await r.journal.read()).unsettled;
    expect(unsettled.map((c) => `${c.intent.action} ${c.intent.target}`)).toContain(
      `cordon node/${node}`,
    );
    // The look after the drain shows it schedulable: not offered while the cordon has not taken.
    expect(r.state().nodes.find((x) => x.name === node)?.schedulable).toBe(true);
    expect(r.state().leftCordoned).toEqual([]);

    // The API server applies the late cordon: the look the node watch starts offers it.
    held.release();
    const spec = () => r.sim.kube.getNode(node)?.['spec'] as { unschedulable?: boolean };
    await until(() => spec().unschedulable === true, 'the late cordon');
    await until(() => r.state().leftCordoned.includes(node), 'the uncordon offer');
    expect(r.state().nodes.find((x) => x.name === node)?.schedulable).toBe(false);
    await r.confirmed({ type: 'uncordon', nodes: r.state().leftCordoned });
    expect(r.view().result).toEqual([`✔ ${node} uncordoned`]);
    expect(spec().unschedulable ?? false).toBe(false);
    expect(r.state().leftCordoned).toEqual([]);
  }, 60_000);
});

describe('the cordon and uncordon actions, unanswered in time', () => {
  it('a cordon read back schedulable is unknown, offered for uncordon once it lands', async () => {
    rig = await drainRig('demo', {}, 600, FAST, undefined, BOUNDS);
    await rig.host.open('drain');
    const r = rig;
    const node = r.state().nodes.find((n) => n.pool === 'apps' && n.schedulable)!.name;
    held = r.sim.hold((method, path) => method === 'PATCH' && NODE.test(path));
    await r.confirmed({ type: 'cordon', nodes: [node] });

    const result = r.view().result ?? [];
    expect(result[0]).toMatch(new RegExp(`^\\? cordon of ${node}: outcome unknown`));
    expect(result[0]).toMatch(/got no answer in time/);
    expect(result[0]).toMatch(/may still become cordoned/);
    expect(result.join('\n')).not.toMatch(/failed|✖/);
    expect(r.state().leftCordoned).toEqual([]);

    held.release();
    const spec = () => r.sim.kube.getNode(node)?.['spec'] as { unschedulable?: boolean };
    await until(() => spec().unschedulable === true, 'the late cordon');
    await until(() => r.state().leftCordoned.includes(node), 'the uncordon offer');
  }, 60_000);

  it('an uncordon read back cordoned is unknown, never failed', async () => {
    rig = await drainRig('demo', {}, 600, FAST, undefined, BOUNDS);
    await rig.host.open('drain');
    const r = rig;
    const node = r.state().nodes.find((n) => n.pool === 'apps' && n.schedulable)!.name;
    await r.confirmed({ type: 'cordon', nodes: [node] });
    expect(r.state().leftCordoned).toEqual([node]);
    held = r.sim.hold((method, path) => method === 'PATCH' && NODE.test(path));
    await r.confirmed({ type: 'uncordon', nodes: [node] });

    const result = r.view().result ?? [];
    expect(result[0]).toMatch(new RegExp(`^\\? uncordon of ${node}: outcome unknown`));
    expect(result[0]).toMatch(/may still become schedulable/);
    expect(result.join('\n')).not.toMatch(/failed|✖/);
    // Still cordoned now: still offered.
    expect(r.state().leftCordoned).toEqual([node]);
  }, 60_000);
});

describe('an eviction that got no answer in time and reads back the pod running', () => {
  it('is unknown (may be going), not failed; journaled unknown', async () => {
    rig = await drainRig('demo', {}, 600, FAST, undefined, BOUNDS);
    await rig.host.open('drain');
    const r = rig;
    const node = r
      .state()
      .nodes.find((n) => n.pool === 'apps' && n.name !== nodeOf(r.sim, 'orders-db'))!.name;
    held = r.sim.hold((method, path) => method === 'POST' && /\/eviction$/.test(path));
    await r.confirmed({ type: 'drain', nodes: [node] });

    const n = r.state().progress!.nodes[0]!;
    expect(n.pods.length).toBeGreaterThan(0);
    for (const p of n.pods) {
      expect(p.state).toBe('unknown');
      expect(p.detail).toMatch(/outcome unknown \(it was sent and got no answer in time/);
      expect(p.detail).toContain(`kubectl get pod -n ${p.namespace} ${p.name}`);
    }
    const notes = n.notes.join('\n');
    expect(notes).toMatch(/eviction of unknown outcome \(may be going\)/);
    expect(notes).not.toMatch(/could not be moved/);
    const records = journalRecords(r.journal);
    const evictions = records.filter((x) => x['type'] === 'intent' && x['action'] === 'evict pod');
    expect(evictions).toHaveLength(n.pods.length);
    for (const intent of evictions) {
      const results = records.filter((x) => x['type'] === 'result' && x['id'] === intent['id']);
      expect(results.map((x) => x['outcome'])).toEqual(['unknown']);
    }
  }, 60_000);
});
