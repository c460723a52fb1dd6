// The node's timeout cutting an eviction off. A request still on its way when the timeout hits
// was sent: the API server may have accepted it (it does not stop because the client gave up),
// so the pod's outcome is unknown, read again like an unanswered write, never "failed". A pod
// whose every eviction a budget refused (429) was honestly not evicted: that stays a failure
// and says so. Real clients over HTTPS; the simulator holds the evictions unprocessed.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DRAIN_OPTIONS } from '../../src/model/drain.js';
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

/** The outcomes journaled for the eviction of `pod` (namespace/name), in order. */
function evictionOutcomes(r: Rig, pod: string): unknown[] {
  const records = journalRecords(r.journal);
  const intent = records.find(
    (x) => x['type'] === 'intent' && x['action'] === 'evict pod' && x['target'] === `pod/${pod}`,
  );
  expect(intent, `an eviction of ${pod}`).toBeDefined();
  return records
    .filter((x) => x['type'] === 'result' && x['id'] === intent!['id'])
    .map((x) => x['outcome']);
}

describe("an eviction in flight when the node's timeout runs out", () => {
  it('is unknown (may be going), not failed; the late eviction lands', async () => {
    rig = await drainRig('demo');
    await rig.host.open('drain');
    const r = rig;
    const node = r
      .state()
      .nodes.find((n) => n.pool === 'apps' && n.name !== nodeOf(r.sim, 'orders-db'))!.name;
    await r.host.send('drain', {
      type: 'options',
      options: { ...DEFAULT_DRAIN_OPTIONS, timeoutSeconds: 3 },
    });
    // The evictions wait unprocessed past the node's timeout (the request's own limit is longer).
    // 3 s, not 1: every eviction must have left before the timeout, on a loaded machine too.
    held = r.sim.hold((method, path) => method === 'POST' && /\/eviction$/.test(path));
    await r.confirmed({ type: 'drain', nodes: [node] });

    const n = r.state().progress!.nodes[0]!;
    expect(n.phase).toBe('timed-out');
    expect(n.pods.length).toBeGreaterThan(0);
    for (const p of n.pods) {
      expect(p.state).toBe('unknown');
      expect(p.detail).toMatch(/outcome unknown \(it was sent and got no answer in time/);
      expect(p.detail).toMatch(/the pod may still be evicted/);
      expect(p.detail).toContain(`kubectl get pod -n ${p.namespace} ${p.name}`);
      expect(evictionOutcomes(r, `${p.namespace}/${p.name}`)).toEqual(['unknown']);
    }
    const notes = n.notes.join('\n');
    expect(notes).toMatch(/timed out after 3s; the node stays cordoned/);
    expect(notes).toMatch(/eviction of unknown outcome \(may be going\)/);

    // The API server goes on with them: the pods go.
    const first = n.pods[0]!;
    const running = () => r.sim.kube.podsOnNode(node).some((p) => p.metadata.name === first.name);
    held.release();
    await until(() => !running(), 'the late eviction');
  });
});

describe("a pod every eviction of which a budget refused until the node's timeout", () => {
  it('was not evicted: failed, and says so', async () => {
    // One refusal, then a wait longer than the node's timeout: the timeout finds the pod between
    // two refusals, no request on its way, however loaded the machine (a 700 ms retry could be on
    // the wire when a 1 s timeout hit, or the first refusal come back too late).
    rig = await drainRig('demo', {}, 600, { ...FAST, retryMs: 60_000 });
    await rig.host.open('drain');
    const node = nodeOf(rig.sim, 'orders-db');
    await rig.host.send('drain', {
      type: 'options',
      options: { ...DEFAULT_DRAIN_OPTIONS, timeoutSeconds: 3 },
    });
    await rig.confirmed({ type: 'drain', nodes: [node] });

    const n = rig.state().progress!.nodes[0]!;
    expect(n.phase).toBe('timed-out');
    const pod = n.pods.find((p) => p.name === 'orders-db-0')!;
    expect(pod.state).toBe('failed');
    expect(pod.detail).toMatch(/^timed out waiting on PDB orders-db: not evicted/);
    expect(evictionOutcomes(rig, 'payments/orders-db-0')).toEqual(['failed']);
    expect(rig.sim.kube.podsOnNode(node).some((p) => p.metadata.name === 'orders-db-0')).toBe(true);
  });
});
