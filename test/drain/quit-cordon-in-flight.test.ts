// Quitting (the session stopped, as on q / SIGTERM) while the drain's cordon PATCH is on its way:
// the PATCH was sent and the API server may apply it, so the node may be left cordoned. The
// journal must say the cordon's outcome is unknown and the step must name the node as maybe
// cordoned (as it does when the same PATCH runs out of its own time limit, see
// test/drain/cordon-unanswered.test.ts), never "cancelled" with nothing left cordoned.
// README "Journal" / "Outcome unknown"; kubectl cordon: https://kubernetes.io/docs/reference/kubectl/generated/kubectl_cordon/
import { afterEach, describe, expect, it } from 'vitest';
import type { HeldRequest } from '../../src/sim/simulator.js';
import { drainRig, nodeOf } from './rig.js';
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

describe('a cordon in flight when the session is stopped', () => {
  it('is journaled unknown and the node named as maybe cordoned, not cancelled', async () => {
    rig = await drainRig('demo');
    await rig.host.open('drain');
    const r = rig;
    const node = r
      .state()
      .nodes.find((n) => n.pool === 'apps' && n.name !== nodeOf(r.sim, 'orders-db'))!.name;
    held = r.sim.hold((method, path) => method === 'PATCH' && NODE.test(path));
    const sent = r.host.send('drain', { type: 'drain', nodes: [node] });
    await until(() => r.store.getState().confirmation !== undefined, 'the confirmation');
    r.store.answer(true);
    await held.reached;
    await r.host.stop();
    await sent;
    const records = journalRecords(r.journal);
    const cordon = records.find(
      (x) => x['type'] === 'intent' && /cordon/.test(String(x['action'])),
    );
    expect(cordon, 'the cordon intent').toBeDefined();
    const outcome = records
      .filter((x) => x['type'] === 'result' && x['id'] === cordon!['id'])
      .at(-1)?.['outcome'];
    const n = r.state().progress!.nodes[0]!;
    expect({ outcome, maybeCordoned: n.maybeCordoned }).toEqual({
      outcome: 'unknown',
      maybeCordoned: true,
    });
  }, 60_000);
});
