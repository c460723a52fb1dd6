// A one-at-a-time sequence when Azure cannot be heard: an upgrade whose answer never came stops
// the sequence saying what is known of it (sent and accepted, or no answer), that its outcome is
// unknown and how to check (never "failed"),
// and a read that fails before anything is sent says what could not be done in the shared words,
// never the client's text ("socket hang up", "fetch failed").
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultSpec } from '../../src/sim/faults.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fleetHarness } from './fleet-harness.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const ARGS = [
  'sequence',
  '--kubernetes-version',
  '1.30.12',
  '--clusters',
  'aks-data-dev',
  '--confirm',
  'aks-data-dev',
];

async function harness(faults: FaultSpec = {}) {
  sim = await startSimulator({ scenario: 'fleet', speed: 6000, faults });
  return fleetHarness(sim, { AKS_RUNBOOK_RETRY_WAIT_MAX: '0.01' });
}

const RAW = /socket hang up|ECONNRESET 127|connect ECONNREFUSED|fetch failed|AKS said/;

describe('fleet sequence under faults', () => {
  it('the operation status unreadable after ARM accepted the PUT: stopped, outcome unknown', async () => {
    const h = await harness({ api: 'arm', reset: 1, pathPattern: '/operationStatus/' });
    const at = sim!.clusters.find((c) => c.arm.name === 'aks-data-dev')!.arm;
    const ran = await h.run(ARGS);
    expect(ran.code).toBe(1);
    expect(ran.out).toContain(
      '✖ The sequence stopped at aks-data-dev: control plane 1.30.11 → 1.30.12 was sent and accepted; its outcome is unknown',
    );
    expect(ran.out).toContain(
      'Azure accepted the request, then could not be heard: cannot reach Azure Resource Manager while trying to follow the operation;',
    );
    expect(ran.out).toContain(
      `Check it: az aks show -g ${at.resourceGroup} -n aks-data-dev --query provisioningState --subscription ${at.subscriptionId}`,
    );
    expect(ran.out).not.toMatch(/failed|succeeded/);
    expect(ran.out).not.toMatch(RAW);
  }, 60_000);

  it('the PUT itself unanswered: stopped, "got no answer" (never "was sent"), may never have started', async () => {
    const h = await harness({
      api: 'arm',
      reset: 1,
      methods: ['PUT'],
      pathPattern: '/managedClusters/aks-data-dev$',
    });
    const ran = await h.run(ARGS);
    expect(ran.code).toBe(1);
    expect(ran.out).toContain(
      '✖ The sequence stopped at aks-data-dev: control plane 1.30.11 → 1.30.12 got no answer; its outcome is unknown',
    );
    expect(ran.out).toContain(
      'no answer came to the request, so Azure may or may not have accepted it: cannot reach Azure Resource Manager',
    );
    expect(ran.out).toContain('It may be running in Azure, or may never have started.');
    expect(ran.out).not.toMatch(/was sent|failed|succeeded/);
    expect(ran.out).not.toMatch(RAW);
  }, 60_000);

  it('the read before the PUT dropped: stopped in the shared words, nothing sent', async () => {
    const h = await harness();
    const s = sim!;
    const dev = '/managedClusters/aks-data-dev';
    // The cluster read just before the PUT (after this cluster's look read the region's
    // versions) dies on the wire, its retries too.
    let turn: number | undefined;
    const inspected = () =>
      turn !== undefined &&
      s.log.entries.slice(turn).some((e) => e.path.endsWith('/kubernetesVersions'));
    const held = s.hold((method, path) => method === 'GET' && path.endsWith(dev) && inspected());
    held.drop();
    const ran = await h.run(ARGS, {
      onOut: (all) => {
        if (turn === undefined && all.includes('── 1/1')) turn = s.log.entries.length;
      },
    });
    expect(ran.code).toBe(1);
    expect(ran.out).toMatch(
      /✖ The sequence stopped at aks-data-dev: could not go on: cannot reach Azure Resource Manager while trying to upgrade aks-data-dev; check the address/,
    );
    expect(ran.out).not.toMatch(RAW);
    expect(s.log.writes().filter((w) => w.path.includes(dev))).toEqual([]);
  }, 60_000);
});
