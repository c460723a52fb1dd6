// A NetworkPolicy create the API server processed and then dropped the answer of (the simulator's
// loseAnswer fault): the step reads the policy again and says what is there, and the journal ends
// the create with what the read showed. Real client-node over HTTPS.
import { NetworkingV1Api } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { digestSession } from '../../../src/report/journal-digest.js';
import type { FaultSpec } from '../../../src/sim/faults.js';
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

const NAME = 'restrict-instance-metadata';
/** The creates (POSTs to the collection) only; reads of the policy pass. */
const CREATES = '^/apis/networking.k8s.io/v1/namespaces/[^/]+/networkpolicies$';
/** The demo's change creates three policies (see demo.e2e), each dry-run first: those pass. */
const DRY_RUNS = 3;
const LOSE: FaultSpec = {
  api: 'kube',
  loseAnswer: 1,
  pathPattern: CREATES,
  methods: ['POST'],
  skip: DRY_RUNS,
};

async function applyAll(s: ImdsSession): Promise<string[]> {
  await s.host.open('imds');
  const sent = s.host.send('imds', { type: 'action', key: 'a' });
  await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
  s.store.answer(true);
  await sent;
  return s.store.getState().stepViews.imds?.result ?? [];
}

/** Each create's journaled results, by namespace: [outcome, settled] in order. */
function createResults(s: ImdsSession): Record<string, Array<[unknown, unknown]>> {
  const records = s.journalLines();
  const out: Record<string, Array<[unknown, unknown]>> = {};
  for (const i of records.filter((r) => r['type'] === 'intent')) {
    const ns = String(i['target']).split('/')[1]!;
    out[ns] = records
      .filter((r) => r['type'] === 'result' && r['id'] === i['id'])
      .map((r) => [r['outcome'], r['settled']]);
  }
  return out;
}

describe('a NetworkPolicy create whose answer was lost', () => {
  it('present as sent: counted created and verified, one create each, journaled settled', async () => {
    const s = (session = await imdsSession('demo', {}, LOSE));
    const result = await applyAll(s);
    expect(result).toEqual([
      '✔ default: verified blocked',
      '✔ monitoring: verified blocked',
      '✔ shop: verified blocked',
    ]);
    const creates = s.sim.log.entries.filter((e) => e.method === 'POST' && e.effect === 'write');
    expect(creates.map((e) => e.path.split('/')[5])).toEqual(['default', 'monitoring', 'shop']);
    expect(createResults(s)).toEqual(
      Object.fromEntries(
        ['default', 'monitoring', 'shop'].map((ns) => [
          ns,
          [
            ['unknown', undefined],
            ['ok', `networkpolicy ${ns}/${NAME} is there as sent`],
          ],
        ]),
      ),
    );
    expect(digestSession(await s.journal.read()).unsettled).toEqual([]);
    // Ours, so the rollback covers them.
    expect(
      s
        .state()
        .rows.filter((r) => r.ours)
        .map((r) => r.namespace),
    ).toEqual(['default', 'monitoring', 'shop']);
  });

  it('present but not as sent: says so from the read, never "already exists" or "not created"', async () => {
    const s = (session = await imdsSession('demo', {}, LOSE));
    const api = s.connection.kc.makeApiClient(NetworkingV1Api);
    // Someone changes the policy between the lost create and the read that settles it.
    let first = true;
    held = s.sim.hold((method, path) => {
      // The step's read after the lost create only, not the test's own reads.
      const hit = first && method === 'GET' && path.endsWith(`/default/networkpolicies/${NAME}`);
      if (hit) first = false;
      return hit;
    });
    void held.reached.then(async () => {
      const stored = await api.readNamespacedNetworkPolicy({ namespace: 'default', name: NAME });
      stored.spec!.egress = [];
      await api.replaceNamespacedNetworkPolicy({ namespace: 'default', name: NAME, body: stored });
      held!.release();
    });
    const result = await applyAll(s);
    expect(result).toEqual([
      '✖ default: sent, answer lost; not there as sent (see below)',
      // Never sent: the apply stops at the first namespace that did not end as planned.
      '– monitoring: not created',
      '– shop: not created',
      `✖ stopped: default: the create was sent and its answer lost; reading it again shows ${NAME} there but not as sent: its egress rules differ from the planned ones; it was left as it is`,
    ]);
    expect(result.join('\n')).not.toMatch(/already exists|default: not created/);
    // Left as the read found it: never overwritten.
    const now = await api.readNamespacedNetworkPolicy({ namespace: 'default', name: NAME });
    expect(now.spec?.egress).toEqual([]);
    expect(createResults(s)).toEqual({
      default: [
        ['unknown', undefined],
        [
          'failed',
          `networkpolicy default/${NAME} is there but differs: its egress rules differ from the planned ones`,
        ],
      ],
    });
    expect(digestSession(await s.journal.read()).unsettled).toEqual([]);
  });
});
