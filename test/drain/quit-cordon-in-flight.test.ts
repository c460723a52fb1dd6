// Quitting (the session stopped, as on q / SIGTERM) while the drain's cordon PATCH is on its way:
// the PATCH was sent and the API server may apply it, so the node may be left cordoned. The
// journal must say the cordon's outcome is unknown and the step must name the node as maybe
// cordoned (as it does when the same PATCH runs out of its own time limit, see
// test/drain/cordon-unanswered.test.ts), never "cancelled" with nothing left cordoned.
// README "Journal" / "Outcome unknown"; kubectl cordon: https://kubernetes.io/docs/reference/kubectl/generated/kubectl_cordon/
import { describe, expect, it } from 'vitest';
import { journalRecords } from './sim-session.js';
import { stopMidDrain } from './stop-mid-drain.js';

const NODE = /^\/api\/v1\/nodes\/[^/]+$/;

describe('a cordon in flight when the session is stopped', () => {
  it('is journaled unknown and the node named as maybe cordoned, not cancelled', async () => {
    const { rig: r } = await stopMidDrain((method, path) => method === 'PATCH' && NODE.test(path));
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
