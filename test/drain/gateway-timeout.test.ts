// Writes of the drain step the API server answered 504 Timeout: its own time limit ran out while
// the write was in its hands, and apimachinery says of that answer "the operation may still
// complete". The step reads again and says what it found: unknown (may still land) when the
// change is not in effect yet, settled when it is; never "failed". A 500 stays a failure.
// Real clients over HTTPS; the simulator's 504 faults (before or after processing).
import { afterEach, describe, expect, it } from 'vitest';
import { digestSession } from '../../src/report/journal-digest.js';
import type { FaultSpec } from '../../src/sim/faults.js';
import { drainRig, FAST, nodeOf } from './rig.js';
import { journalRecords } from './sim-session.js';

type Rig = Awaited<ReturnType<typeof drainRig>>;
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const NODE = '^/api/v1/nodes/[^/]+$';
const EVICTION = '/eviction$';

/** A 504 on every `method` to `path`, answered before (or, `processed`, after) the change. */
function timeout504(path: string, method: 'PATCH' | 'POST', processed = false): FaultSpec {
  const on = { api: 'kube' as const, pathPattern: path, methods: [method] };
  return processed
    ? { ...on, processedTimeout: 1 }
    : { ...on, serverError: 1, serverErrorStatus: 504 };
}

/** An apps node that does not run the database behind the strict PDB. */
const cleanNode = (r: Rig) =>
  r.state().nodes.find((n) => n.pool === 'apps' && n.name !== nodeOf(r.sim, 'orders-db'))!.name;

/** The outcomes journaled for the intent of `action` on `target`, in order. */
function outcomesOf(r: Rig, action: string, target: string): unknown[] {
  const records = journalRecords(r.journal);
  const intent = records.find(
    (x) => x['type'] === 'intent' && x['action'] === action && x['target'] === target,
  );
  expect(intent, `an intent to ${action} ${target}`).toBeDefined();
  return records
    .filter((x) => x['type'] === 'result' && x['id'] === intent!['id'])
    .map((x) => x['outcome']);
}

describe('a cordon answered 504 Timeout', () => {
  it('not in effect yet: unknown, maybe cordoned, nothing evicted; journaled unknown', async () => {
    rig = await drainRig('demo', {}, 600, FAST, timeout504(NODE, 'PATCH'));
    await rig.host.open('drain');
    const node = cleanNode(rig);
    await rig.confirmed({ type: 'drain', nodes: [node] });

    const n = rig.state().progress!.nodes[0]!;
    expect(n).toMatchObject({ phase: 'cordon-unknown', cordoned: false, maybeCordoned: true });
    const notes = n.notes.join('\n');
    expect(notes).not.toMatch(/cordon failed|stays schedulable/);
    expect(notes).toMatch(/outcome unknown \(it was sent and the API server answered 504 Timeout/);
    expect(notes).toMatch(/may still become cordoned/);
    expect(notes).toContain(`kubectl get node ${node}`);
    expect(rig.view().result?.[0]).toBe(
      `? ${node}: cordon-unknown (0/0 pods moved, maybe cordoned)`,
    );
    expect(rig.sim.log.entries.filter((e) => /eviction$/.test(e.path))).toEqual([]);
    expect(outcomesOf(rig, 'cordon', `node/${node}`)).toEqual(['unknown']);
    const unsettled = digestSession(await rig.journal.read()).unsettled;
    expect(unsettled.map((c) => `${c.intent.action} ${c.intent.target}`)).toContain(
      `cordon node/${node}`,
    );
  });

  it('made after all: read back cordoned, journaled settled ok, nothing evicted', async () => {
    rig = await drainRig('demo', {}, 600, FAST, timeout504(NODE, 'PATCH', true));
    await rig.host.open('drain');
    const node = cleanNode(rig);
    await rig.confirmed({ type: 'drain', nodes: [node] });

    expect(rig.sim.kube.getNode(node)?.['spec']).toMatchObject({ unschedulable: true });
    const n = rig.state().progress!.nodes[0]!;
    expect(n).toMatchObject({ phase: 'cordon-unknown', cordoned: true });
    expect(n.notes.join('\n')).toMatch(
      /the cordon was sent and the API server answered 504 Timeout; reading the node again shows it cordoned/,
    );
    expect(outcomesOf(rig, 'cordon', `node/${node}`)).toEqual(['unknown', 'ok']);
    expect(rig.state().leftCordoned).toEqual([node]);
  });

  it('a 500 is not a timeout: the cordon failed, the node stays schedulable', async () => {
    rig = await drainRig('demo', {}, 600, FAST, {
      api: 'kube',
      pathPattern: NODE,
      methods: ['PATCH'],
      serverError: 1,
      serverErrorStatus: 500,
    });
    await rig.host.open('drain');
    const node = cleanNode(rig);
    await rig.confirmed({ type: 'drain', nodes: [node] });

    const n = rig.state().progress!.nodes[0]!;
    expect(n.phase).toBe('cordon-failed');
    expect(n.maybeCordoned).toBeUndefined();
    expect(outcomesOf(rig, 'cordon', `node/${node}`)).toEqual(['failed']);
  });
});

describe('a dry-run cordon answered 504 Timeout', () => {
  it('changed nothing whatever happened: a failure, never unknown', async () => {
    rig = await drainRig('demo', { dryRun: true }, 600, FAST, timeout504(NODE, 'PATCH'));
    await rig.host.open('drain');
    const node = cleanNode(rig);
    await rig.confirmed({ type: 'drain', nodes: [node] });

    const n = rig.state().progress!.nodes[0]!;
    expect(n.phase).toBe('cordon-failed');
    expect(n.maybeCordoned).toBeUndefined();
  });
});

describe('an uncordon answered 504 Timeout and read back cordoned', () => {
  it('is unknown (may still become schedulable), never failed; still offered', async () => {
    rig = await drainRig('demo', {}, 600, FAST, {
      ...timeout504(NODE, 'PATCH'),
      // The cordon goes through; the uncordon after it is answered 504.
      skip: 1,
    });
    await rig.host.open('drain');
    const node = rig.state().nodes.find((n) => n.pool === 'apps' && n.schedulable)!.name;
    await rig.confirmed({ type: 'cordon', nodes: [node] });
    expect(rig.state().leftCordoned).toEqual([node]);
    await rig.confirmed({ type: 'uncordon', nodes: [node] });

    const result = rig.view().result ?? [];
    expect(result[0]).toMatch(new RegExp(`^\\? uncordon of ${node}: outcome unknown`));
    expect(result[0]).toMatch(/answered 504 Timeout/);
    expect(result[0]).toMatch(/may still become schedulable/);
    expect(result.join('\n')).not.toMatch(/failed|✖/);
    expect(rig.state().leftCordoned).toEqual([node]);
    expect(outcomesOf(rig, 'uncordon', `node/${node}`)).toEqual(['unknown']);
  });
});

describe('an eviction answered 504 Timeout', () => {
  it('the pod still running: unknown (may be going), not failed; journaled unknown', async () => {
    rig = await drainRig('demo', {}, 600, FAST, timeout504(EVICTION, 'POST'));
    await rig.host.open('drain');
    const node = cleanNode(rig);
    await rig.confirmed({ type: 'drain', nodes: [node] });

    const n = rig.state().progress!.nodes[0]!;
    expect(n.pods.length).toBeGreaterThan(0);
    for (const p of n.pods) {
      expect(p.state).toBe('unknown');
      expect(p.detail).toMatch(/outcome unknown \(it was sent and the API server answered 504/);
      expect(p.detail).toContain(`kubectl get pod -n ${p.namespace} ${p.name}`);
      expect(outcomesOf(rig, 'evict pod', `pod/${p.namespace}/${p.name}`)).toEqual(['unknown']);
    }
    expect(n.notes.join('\n')).not.toMatch(/could not be moved/);
  });

  it('made after all: the pod goes, drained, journaled settled', async () => {
    rig = await drainRig('demo', {}, 600, FAST, timeout504(EVICTION, 'POST', true));
    await rig.host.open('drain');
    const node = cleanNode(rig);
    await rig.confirmed({ type: 'drain', nodes: [node] });

    const n = rig.state().progress!.nodes[0]!;
    expect(n.phase).toBe('drained');
    for (const p of n.pods) {
      expect(p.state).toBe('gone');
      expect(outcomesOf(rig, 'evict pod', `pod/${p.namespace}/${p.name}`)).toEqual([
        'unknown',
        'ok',
      ]);
    }
  });
});
