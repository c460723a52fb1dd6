// A pod whose eviction fails for want of a server says so in words (what could not be reached,
// what to do) on the drain progress, not the client's bare "fetch failed".
import { describe, expect, it } from 'vitest';
import { movePod } from '../../src/steps/drain/run/move-pod.js';
import type { PodProgress } from '../../src/steps/drain/run/progress.js';
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
    let state: Partial<PodProgress> = {};
    await movePod(
      {
        namespace: pod.metadata.namespace!,
        name: pod.metadata.name,
        uid: pod.metadata.uid!,
        phase: 'Running',
        labels: {},
        mirror: false,
        emptyDir: false,
        terminating: false,
        ready: true,
      },
      undefined,
      {
        kc: connection.kc,
        journal,
        node,
        dryRun: false,
        disableEviction: false,
        retryMs: 1000,
        pollMs: 1000,
        signal: AbortSignal.timeout(60_000),
        update: (patch) => (state = { ...state, ...patch }),
      },
    );
    expect(state.state).toBe('failed');
    expect(state.detail).toMatch(
      /^cannot reach the API server at https:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\) while trying to evict pod /,
    );
    expect(state.detail).not.toContain('fetch failed');
  });
});
