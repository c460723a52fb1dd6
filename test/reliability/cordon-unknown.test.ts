// A cordon PATCH whose request the API server reset was sent: the drain reads the node again to
// settle it, stops before any eviction, and never says the cordon plainly failed on a guess.
// Real client-node over the simulator, with the reset fault on the node's PATCH only.
import { afterEach, describe, expect, it } from 'vitest';
import { runDrain } from '../../src/steps/drain/run/run-drain.js';
import { DEFAULT_DRAIN_OPTIONS } from '../../src/model/drain.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { connectToSim, journalRecords } from '../helpers/sim-session.js';
import { tempJournal } from '../drain/sim-session.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('a drain whose cordon PATCH was reset', () => {
  it('reads the node again, says what it found, evicts nothing', async () => {
    sim = await startSimulator({
      scenario: 'demo',
      speed: 600,
      faults: { api: 'kube', reset: 1, pathPattern: '^/api/v1/nodes/[^/]+$', methods: ['PATCH'] },
    });
    const { node, progress, journal } = await drainOne(sim);
    const n = progress.nodes[0]!;
    // The simulator resets the PATCH unprocessed: the second look finds the node schedulable.
    expect(n.phase).toBe('cordon-failed');
    expect(n.cordoned).toBe(false);
    expect(n.notes.join('\n')).toMatch(/reading the node again shows it still schedulable/);
    expect(n.notes.join('\n')).toContain(`kubectl get node ${node}`);
    expect(sim.log.entries.filter((e) => e.method === 'PATCH')).toHaveLength(1);
    expect(sim.log.entries.filter((e) => /eviction$/.test(e.path))).toHaveLength(0);
    const result = journalRecords(journal.path).find((r) => r['type'] === 'result');
    expect(result?.['outcome']).toBe('unknown');
  });

  it('when the second look fails too: may be cordoned, how to check, offered for uncordon', async () => {
    // The drain's first read of the node passes; the PATCH and every later read are reset.
    sim = await startSimulator({
      scenario: 'demo',
      speed: 600,
      faults: { api: 'kube', reset: 1, pathPattern: '^/api/v1/nodes/[^/]+$', skip: 1 },
    });
    const { node, progress } = await drainOne(sim);
    const n = progress.nodes[0]!;
    expect(n.phase).toBe('cordon-unknown');
    expect(n.maybeCordoned).toBe(true);
    const notes = n.notes.join('\n');
    expect(notes).toMatch(/outcome unknown/);
    expect(notes).toContain(`kubectl get node ${node}`);
    expect(notes).not.toMatch(/cordon failed|stays schedulable/);
    expect(progress.stopped).toMatch(/outcome is unknown \(it may be cordoned\)/);
    expect(sim.log.entries.filter((e) => e.method === 'PATCH')).toHaveLength(1);
    expect(sim.log.entries.filter((e) => /eviction$/.test(e.path))).toHaveLength(0);
  });
});

async function drainOne(s: Simulator) {
  const connection = await connectToSim(s);
  const node = s.kube.listNodes().find((n) => n.metadata.name.includes('apps'))!.metadata.name;
  const journal = await tempJournal('aks', { readOnly: false, dryRun: false, demo: true });
  const progress = await runDrain([node], DEFAULT_DRAIN_OPTIONS, {
    kc: connection.kc,
    server: 'https://sim',
    journal,
    dryRun: false,
    timings: { retryMs: 50, pollMs: 50, concurrency: 4 },
    signal: new AbortController().signal,
    onProgress: () => undefined,
  });
  return { node, progress, journal };
}
