// Quitting (the session stopped, as on q / SIGTERM) while an eviction POST is on its way: the
// request was sent and the API server goes on with it (a client giving up does not undo a write),
// so its outcome is unknown, never "cancelled" (the drain's own node timeout already says
// unknown for the same request, see test/drain/eviction-cut-off.test.ts). README "Journal" / "Outcome unknown"; Kubernetes
// eviction API: https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/
import { describe, expect, it } from 'vitest';
import { journalRecords, until } from './sim-session.js';
import { stopMidDrain } from './stop-mid-drain.js';

describe('an eviction in flight when the session is stopped', () => {
  it('is journaled unknown (it may land), not cancelled', async () => {
    // The pods whose eviction reached the API server (held there, unanswered).
    const received = new Set<string>();
    const { rig: r, held } = await stopMidDrain((method, path) => {
      const pod = method === 'POST' ? /\/pods\/([^/]+)\/eviction$/.exec(path)?.[1] : undefined;
      if (pod) received.add(pod);
      return pod !== undefined;
    });
    // Let anything still on its way arrive: a request that was sent is seen by the server.
    held.release();
    await until(() => r.sim.log.entries.some((e) => /\/eviction$/.test(e.path)), 'the answer');
    const records = journalRecords(r.journal);
    const evictions = records.filter((x) => x['type'] === 'intent' && x['action'] === 'evict pod');
    const outcomes = new Map(
      evictions.map((i) => [
        String(i['target']).split('/').at(-1)!,
        records.filter((x) => x['type'] === 'result' && x['id'] === i['id']).at(-1)?.['outcome'],
      ]),
    );
    expect(received.size).toBeGreaterThan(0);
    for (const pod of received) expect(outcomes.get(pod), pod).toBe('unknown');
    // The drain's own view says the same: unknown, with how to check.
    const pods = r.state().progress!.nodes[0]!.pods;
    for (const pod of received) {
      const shown = pods.find((p) => p.name === pod);
      expect(shown?.state, pod).toBe('unknown');
      expect(shown?.detail).toMatch(
        /this session stopped while POST .* may or may not take effect/,
      );
    }
    // Only an eviction that never left may be said cancelled.
    for (const [pod, outcome] of outcomes)
      if (outcome === 'cancelled') expect(received.has(pod), pod).toBe(false);
  }, 60_000);
});
