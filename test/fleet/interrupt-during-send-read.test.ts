// Ctrl+C while `fleet sequence` reads the cluster just before sending its upgrade (the GET whose
// body the PUT is built from): the PUT is not sent, and the screen says nothing was sent.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fleetHarness, writesOf } from './fleet-harness.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('Ctrl+C during the read before the upgrade is sent', () => {
  it('sends no PUT after it', async () => {
    sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
    const s = sim;
    const ctrlC = new AbortController();
    let armed = false;
    // Armed once the operator confirmed: the next GET of the cluster is sendOperation's read.
    const held = s.hold(
      (method, path) => armed && method === 'GET' && /managedClusters\/aks-data-dev$/i.test(path),
    );
    void held.reached.then(() => {
      ctrlC.abort();
      held.release();
    });
    const ran = await fleetHarness(s).run(
      ['sequence', '--kubernetes-version', '1.31.8', '--clusters', 'aks-data-dev'],
      {
        signal: ctrlC.signal,
        ask: () => {
          armed = true;
          return Promise.resolve('aks-data-dev');
        },
      },
    );
    expect(armed).toBe(true);
    expect(ctrlC.signal.aborted).toBe(true);
    expect(writesOf(s)).toBe(0);
    expect(ran.out).toMatch(/Interrupted before .* on aks-data-dev: nothing was sent to it/);
    expect(ran.out).not.toContain('goes on in Azure');
    expect(ran.code).toBe(130);
  }, 120_000);

  it('after the control plane succeeded: the pool upgrade is not sent, and the line says what was', async () => {
    sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
    const s = sim;
    const ctrlC = new AbortController();
    let armed = false;
    // Armed once the control plane's PUT arrived: the next GET of the pool is sendOperation's read.
    const put = s.hold((method, path) => {
      if (method === 'PUT' && /managedClusters\/aks-data-dev$/i.test(path)) armed = true;
      return false;
    });
    void put;
    const held = s.hold(
      (method, path) =>
        armed && method === 'GET' && /aks-data-dev\/agentPools\/system$/i.test(path),
    );
    void held.reached.then(() => {
      ctrlC.abort();
      held.release();
    });
    const ran = await fleetHarness(s).run(
      [
        'sequence',
        '--kubernetes-version',
        '1.31.8',
        '--clusters',
        'aks-data-dev',
        '--confirm',
        'aks-data-dev',
      ],
      { signal: ctrlC.signal },
    );
    expect(ctrlC.signal.aborted).toBe(true);
    const writes = s.clusters
      .flatMap((c) => c.log.writes())
      .map((e) => `${e.method} ${e.path.split('/').slice(-2).join('/')}`);
    expect(writes).toEqual(['PUT managedClusters/aks-data-dev']);
    expect(ran.out).toMatch(
      /Interrupted before pool system .* on aks-data-dev: it was not sent \(control plane .* succeeded before it\)/,
    );
    expect(ran.out).not.toContain('nothing was sent to it');
    expect(ran.code).toBe(130);
  }, 120_000);
});
