// A cordon PATCH whose request the API server reset was sent: the drain reads the node again to
// settle it, stops before any eviction, and never says the cordon plainly failed on a guess.
// Real client-node over the simulator, with the reset fault on the node's PATCH only.
import { afterEach, describe, expect, it } from 'vitest';
import { runDrain } from '../../src/steps/drain/run/run-drain.js';
import { uncordonNodes } from '../../src/steps/drain/run/uncordon.js';
import { setNodeUnschedulable } from '../../src/kube/cordon.js';
import { confirms } from '../../src/steps/lifecycle/change.js';
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

describe('an uncordon whose PATCH was reset', () => {
  async function uncordonWith(faults: Record<string, unknown>) {
    const s = await startSimulator({
      scenario: 'demo',
      speed: 600,
      faults: { api: 'kube', reset: 1, pathPattern: '^/api/v1/nodes/[^/]+$', ...faults },
    });
    sim = s;
    const connection = await connectToSim(s);
    const node = s.kube.listNodes().find((n) => n.metadata.name.includes('apps'))!.metadata.name;
    // The first request the fault would hit (this PATCH) passes: the node is cordoned.
    await setNodeUnschedulable(connection.kc, node, true);
    const journal = await tempJournal('aks', { readOnly: false, dryRun: false, demo: true });
    const deps = { kc: connection.kc, server: 'https://sim', journal, dryRun: false };
    const [outcome] = await uncordonNodes([node], deps);
    return { node, outcome: outcome! };
  }

  it('settled by reading the node again: still cordoned is said so, with no guess', async () => {
    const { outcome } = await uncordonWith({ methods: ['PATCH'], skip: 1 });
    expect(outcome.outcome).toBe('failed');
    expect(outcome.line).toMatch(/answer lost; reading the node again shows it not uncordoned/);
  });

  it('the second look fails too: an unknown outcome, never counted failed, how to check', async () => {
    // Passes the setup PATCH and the uncordon's first read; resets the uncordon and its re-reads.
    const { node, outcome } = await uncordonWith({ skip: 2 });
    expect(outcome.outcome).toBe('unknown');
    expect(outcome.line).toMatch(/^\? uncordon of .*: outcome unknown/);
    expect(outcome.line).toContain(`kubectl get node ${node}`);
    expect(confirms({ result: [outcome.line], changed: 'uncordoned 1 node', failed: false })).toBe(
      false,
    );
  });
});

describe('a drain whose evictions were reset', () => {
  it('reads each pod again: still running is said as not evicted, never a guess', async () => {
    sim = await startSimulator({
      scenario: 'demo',
      speed: 600,
      faults: { api: 'kube', reset: 1, pathPattern: '/eviction$', methods: ['POST'] },
    });
    const { progress } = await drainOne(sim);
    const n = progress.nodes[0]!;
    expect(n.phase).toBe('failed');
    expect(n.pods.length).toBeGreaterThan(0);
    for (const p of n.pods) {
      expect(p.state).toBe('failed');
      expect(p.detail).toMatch(/answer lost; reading the pod again shows it still running/);
    }
  });

  it('the second look fails too: each pod says its outcome is unknown and how to check', async () => {
    sim = await startSimulator({
      scenario: 'demo',
      speed: 600,
      faults: {
        api: 'kube',
        reset: 1,
        pathPattern: '^/api/v1/namespaces/[^/]+/pods/[^/]+(/eviction)?$',
      },
    });
    const { progress } = await drainOne(sim);
    const n = progress.nodes[0]!;
    expect(n.phase).toBe('failed');
    expect(n.pods.length).toBeGreaterThan(0);
    for (const p of n.pods) {
      expect(p.state).toBe('unknown');
      expect(p.detail).toContain(`kubectl get pod -n ${p.namespace} ${p.name}`);
    }
    expect(n.notes.join('\n')).toMatch(/eviction of unknown outcome \(may be going\)/);
    expect(n.notes.join('\n')).not.toMatch(/could not be moved/);
  });
});
