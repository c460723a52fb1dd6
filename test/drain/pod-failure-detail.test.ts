// A pod whose eviction fails for want of a server says so in words (what could not be reached,
// what to do) on the drain progress, not the client's bare "fetch failed".
import { describe, expect, it } from 'vitest';
import { moveOnePod } from './move-one-pod.js';
import { simConnection, tempJournal } from './sim-session.js';

describe('a pod whose eviction cannot reach the server', () => {
  it('says which server could not be reached and why, in one line', async () => {
    const { sim, connection } = await simConnection('demo', 600);
    const node = sim.kube.listNodes()[0]!.metadata.name;
    const pod = sim.kube.podsOnNode(node)[0]!;
    const journal = await tempJournal(connection.summary.name, {
      readOnly: false,
      dryRun: false,
      demo: true,
    });
    // The server goes away between the plan and the eviction.
    await sim.close();
    const state = await moveOnePod(
      { namespace: pod.metadata.namespace!, name: pod.metadata.name, uid: pod.metadata.uid! },
      { kc: connection.kc, journal, node },
    );
    expect(state.state).toBe('failed');
    expect(state.detail).toMatch(
      /^cannot reach the API server at https:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\) while trying to evict pod /,
    );
    expect(state.detail).not.toContain('fetch failed');
  });
});
