// A NetworkPolicy create whose request the API server reset was sent: the step reads the policy
// again to settle it, and never says "not created" on a guess. Real client-node over the
// simulator, with the reset fault on the create's path.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS } from '../../../src/model/bounds.js';
import type { HeldRequest } from '../../../src/sim/simulator.js';
import { imdsSession, type ImdsSession } from './harness.js';

let session: ImdsSession | undefined;
let held: HeldRequest | undefined;
afterEach(async () => {
  held?.release();
  held = undefined;
  await session?.close();
  session = undefined;
});

const POLICIES =
  '^/apis/networking.k8s.io/v1/namespaces/[^/]+/networkpolicies(/restrict-instance-metadata)?$';

/** The demo's change creates three policies (see demo.e2e), each dry-run first: those pass. */
const DRY_RUNS = 3;

async function applyAll(s: ImdsSession): Promise<string[]> {
  await s.host.open('imds');
  const sent = s.host.send('imds', { type: 'action', key: 'a' });
  await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
  s.store.answer(true);
  await sent;
  return s.store.getState().stepViews.imds?.result ?? [];
}

describe('a NetworkPolicy create whose request was reset', () => {
  it('reads it again: absent is said as not created, from the read', async () => {
    const s = (session = await imdsSession(
      'demo',
      {},
      {
        api: 'kube',
        reset: 1,
        pathPattern: POLICIES,
        methods: ['POST'],
        skip: DRY_RUNS,
      },
    ));
    const result = (await applyAll(s)).join('\n');
    expect(result).toMatch(/answer lost; reading it again shows no restrict-instance-metadata/);
  });

  it('the second look fails too: outcome unknown with how to check, never "not created"', async () => {
    const s = (session = await imdsSession(
      'demo',
      {},
      {
        api: 'kube',
        reset: 1,
        pathPattern: POLICIES,
        methods: ['POST', 'GET'],
        // Each dry run and each create first lists its namespace's policies (the widening check
        // on them as stored now): the dry runs' lists and POSTs, then the first create's list pass.
        skip: DRY_RUNS * 2 + 1,
      },
    ));
    const result = await applyAll(s);
    const first = result.find((l) => l.startsWith('? '));
    expect(first).toMatch(/sent, outcome unknown/);
    expect(result.join('\n')).toMatch(
      /\? stopped: .*outcome unknown.*kubectl get networkpolicy -n/,
    );
    const ns = first!.slice(2).split(':')[0]!;
    expect(result).not.toContain(`– ${ns}: not created`);
  });
});

describe('a NetworkPolicy create that got no answer in time', () => {
  it('reads back absent: outcome unknown (it may still be created), never "not created"', async () => {
    const s = (session = await imdsSession(
      'demo',
      {},
      {},
      { ...DEFAULT_BOUNDS, requestMs: 1_500 },
    ));
    // The real creates wait unprocessed past the client's limit; their dry runs pass.
    held = s.sim.hold(
      (method, path, query) =>
        method === 'POST' && /\/networkpolicies$/.test(path) && !query.has('dryRun'),
    );
    const result = await applyAll(s);
    const first = result.find((l) => l.startsWith('? '));
    expect(first).toMatch(/sent, outcome unknown/);
    const text = result.join('\n');
    expect(text).toMatch(/got no answer in time/);
    expect(text).toMatch(/may still be created/);
    expect(text).toContain('kubectl get networkpolicy -n');
    const ns = first!.slice(2).split(':')[0]!;
    expect(result).not.toContain(`– ${ns}: not created`);
    expect(text).not.toMatch(
      /reading it again shows no restrict-instance-metadata in \S+: not created/,
    );
    const records = s.journalLines();
    const intent = records.find((r) => r['type'] === 'intent')!;
    const results = records.filter((r) => r['type'] === 'result' && r['id'] === intent['id']);
    expect(results.map((r) => r['outcome'])).toEqual(['unknown']);
  }, 60_000);
});

describe('a NetworkPolicy create answered 504 Timeout', () => {
  it('reads back absent: outcome unknown (it may still be created), journaled unknown', async () => {
    const s = (session = await imdsSession(
      'demo',
      {},
      {
        api: 'kube',
        serverError: 1,
        serverErrorStatus: 504,
        pathPattern: POLICIES,
        methods: ['POST'],
        skip: DRY_RUNS,
      },
    ));
    const result = await applyAll(s);
    const first = result.find((l) => l.startsWith('? '));
    expect(first).toMatch(/sent, outcome unknown/);
    const text = result.join('\n');
    expect(text).toMatch(/the API server answered 504 Timeout/);
    expect(text).toMatch(/may still be created/);
    const ns = first!.slice(2).split(':')[0]!;
    expect(result).not.toContain(`– ${ns}: not created`);
    const records = s.journalLines();
    const intent = records.find((r) => r['type'] === 'intent')!;
    const results = records.filter((r) => r['type'] === 'result' && r['id'] === intent['id']);
    expect(results.map((r) => r['outcome'])).toEqual(['unknown']);
  });

  it('a 500 stays a failure', async () => {
    const s = (session = await imdsSession(
      'demo',
      {},
      {
        api: 'kube',
        serverError: 1,
        serverErrorStatus: 500,
        pathPattern: POLICIES,
        methods: ['POST'],
        skip: DRY_RUNS,
      },
    ));
    const result = (await applyAll(s)).join('\n');
    expect(result).not.toMatch(/outcome unknown/);
    const records = s.journalLines();
    const intent = records.find((r) => r['type'] === 'intent')!;
    const results = records.filter((r) => r['type'] === 'result' && r['id'] === intent['id']);
    expect(results.map((r) => r['outcome'])).toEqual(['failed']);
  });
});
