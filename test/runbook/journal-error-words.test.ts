// A journal's result line for a failed change says the failure in the shared words (what could
// not be done, what to do), never the client's own text ("fetch failed", "connect ECONNREFUSED
// 127.0.0.1:…"); the server's words (a 404's or 403's message) are kept; our own words stay whole.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { setNodeUnschedulable } from '../../src/kube/cordon.js';
import { DEFAULT_BOUNDS } from '../../src/model/bounds.js';
import { Journal } from '../../src/runbook/journal.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { connectToSim } from '../helpers/sim-session.js';
import { tempDir } from '../helpers/temp-dir.js';

let sim: Simulator | undefined;
let journal: Journal | undefined;
afterEach(async () => {
  await journal?.close();
  await sim?.close();
  sim = journal = undefined;
});

async function session() {
  sim = await startSimulator({ scenario: 'minimal', speed: 600 });
  const connection = await connectToSim(sim, { bounds: { ...DEFAULT_BOUNDS, retryWaitMaxMs: 20 } });
  journal = await Journal.open({
    cluster: sim.arm.name,
    mode: { readOnly: false, dryRun: false, demo: true },
    env: {},
    dir: tempDir('journal-words-'),
  });
  return { sim, connection, journal };
}

/** The error field of every result line, in order. */
function resultErrors(j: Journal): string[] {
  return readFileSync(j.path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((r) => r['type'] === 'result')
    .map((r) => String(r['error']));
}

describe('the journal says a failed change in the shared words', () => {
  it('a 404, the API server gone, ARM gone, and our own words', async () => {
    const s = await session();
    const node = s.sim.kube.listNodes()[0]!.metadata.name;
    const cordon = (name: string) =>
      s.journal
        .mutation({ step: 'drain', action: 'cordon', target: `node/${name}` }, () =>
          setNodeUnschedulable(s.connection.kc, name, true),
        )
        .catch(() => undefined);
    await cordon('no-such-node');
    await s.journal
      .mutation({ step: 'rbac', action: 'create rolebinding', target: 'x' }, () =>
        Promise.reject(new Error('the new binding reads back without the group')),
      )
      .catch(() => undefined);
    await s.sim.close();
    await cordon(node);
    await s.journal
      .mutation({ step: 'upgrades', action: 'read', target: 'managedCluster/x' }, () =>
        s.connection.arm!.client.managedClusters.get(s.sim.arm.resourceGroup, s.sim.arm.name),
      )
      .catch(() => undefined);
    const errors = resultErrors(s.journal);
    expect(errors).toEqual([
      'the API server found no such object or API (404: nodes "no-such-node" not found) while trying to cordon node/no-such-node; check the names given (context, -g, -n, --subscription)',
      'the new binding reads back without the group',
      `cannot reach the API server (ECONNREFUSED) while trying to cordon node/${node}; check the address, the network, a VPN or a private cluster`,
      'cannot reach Azure Resource Manager while trying to read managedCluster/x; check the address, the network, a VPN or a private cluster',
    ]);
    for (const e of errors) expect(e).not.toMatch(/fetch failed|connect ECONNREFUSED|127\.0\.0\.1/);
  });
});
