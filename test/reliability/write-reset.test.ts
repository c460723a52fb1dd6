// A write whose request the API server reset (an HTTP/2 stream reset; a dropped connection on
// HTTP/1.1) was sent: it is never asked again, and it is said and journaled as sent with an
// unknown outcome, never as "cannot reach" or "not sent". Real client-node over the simulator's
// HTTP/2, with the simulator's reset fault on the write's path only.
import { afterEach, describe, expect, it } from 'vitest';
import { setNodeUnschedulable } from '../../src/kube/cordon.js';
import { describeKubeError } from '../../src/kube/errors.js';
import { evictPod } from '../../src/kube/eviction.js';
import { OutcomeUnknown, kindOf } from '../../src/model/errors.js';
import { DEFAULT_KUBE_RETRY } from '../../src/kube/retry.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { connectToSim, journalRecords } from '../helpers/sim-session.js';
import { tempJournal } from '../drain/sim-session.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function resetting(pathPattern: string) {
  sim = await startSimulator({
    scenario: 'demo',
    speed: 600,
    faults: { api: 'kube', reset: 1, pathPattern },
  });
  return { sim, connection: await connectToSim(sim) };
}

describe('a write whose request was reset', () => {
  it('an eviction: sent once, journaled unknown, said as sent with an unknown outcome', async () => {
    const { sim, connection } = await resetting('/eviction$');
    const pod = sim.kube
      .listNodes()
      .flatMap((n) => sim.kube.podsOnNode(n.metadata.name))
      .find((p) => p.metadata.namespace === 'shop')!;
    const journal = await tempJournal('aks', {
      readOnly: false,
      dryRun: false,
      demo: true,
    });
    const evicting = journal.mutation(
      { step: 'drain', action: 'evict pod', target: `pod/shop/${pod.metadata.name}` },
      () => evictPod(connection.kc, { namespace: 'shop', name: pod.metadata.name }),
    );
    const error = await evicting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknown);
    const posts = sim.log.entries.filter((e) => e.method === 'POST' && /eviction$/.test(e.path));
    expect(posts).toHaveLength(1);
    const result = journalRecords(journal.path).find((r) => r['type'] === 'result');
    expect(result?.['outcome']).toBe('unknown');
    const line = describeKubeError(error, 'https://x', `evict pod shop/${pod.metadata.name}`);
    expect(line.message).toMatch(/it was sent, so it may or may not have taken effect/);
    expect(line.message).not.toMatch(/cannot reach|not sent/);
  });

  it('a cordon patch: sent once, outcome unknown', async () => {
    const { sim, connection } = await resetting('^/api/v1/nodes/[^/]+$');
    const node = sim.kube.listNodes()[0]!.metadata.name;
    const error = await setNodeUnschedulable(connection.kc, node, true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknown);
    const patches = sim.log.entries.filter((e) => e.method === 'PATCH');
    expect(patches).toHaveLength(1);
  });

  it('a write unanswered within its timeout: sent once, outcome unknown, never retried', async () => {
    sim = await startSimulator({
      scenario: 'demo',
      speed: 600,
      faults: { api: 'kube', latencyMs: 5_000, pathPattern: '^/api/v1/nodes/[^/]+$' },
    });
    const connection = await connectToSim(sim, {
      kubeRetry: { ...DEFAULT_KUBE_RETRY, timeoutMs: 300 },
    });
    const node = sim.kube.listNodes()[0]!.metadata.name;
    const error = await setNodeUnschedulable(connection.kc, node, true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknown);
    expect((error as Error).message).toMatch(
      /did not answer in time \(within 0\.3 s\) during PATCH .*it was sent, so it may or may not have taken effect/,
    );
    expect(kindOf(error)).toBe('timeout');
  });
});

describe('a dry-run write whose request was reset', () => {
  it('is a plain failure: nothing could have changed, so it is never unknown', async () => {
    sim = await startSimulator({
      scenario: 'demo',
      speed: 600,
      faults: { api: 'kube', reset: 1, pathPattern: '^/api/v1/nodes/[^/]+$' },
    });
    const connection = await connectToSim(sim, { mode: { readOnly: false, dryRun: true } });
    const node = sim.kube.listNodes()[0]!.metadata.name;
    const error = await setNodeUnschedulable(connection.kc, node, true).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(OutcomeUnknown);
    expect((error as Error).message).toMatch(/the dry run got no answer/);
    expect(sim.log.entries.filter((e) => e.method === 'PATCH')).toHaveLength(1);
  });
});
