import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListedCluster } from '../../src/model/arm.js';
import { needsPick, pickCluster } from '../../src/runbook/pick-cluster.js';
import { SessionStore } from '../../src/runbook/session.js';
import { connectTarget } from '../../src/runbook/connect-target.js';
import type { SimConnection } from '../../src/sim/connection-file.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import type { TargetOptions } from '../../src/target/options.js';
import { tempDir } from '../helpers/temp-dir.js';

// The TUI's pick-a-cluster path through the real ARM client and the simulator's list endpoint.

let sim: Simulator;
let file: string;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'minimal' });
  const connection: SimConnection = {
    armEndpoint: sim.arm.endpoint,
    caCert: sim.caCert,
    armToken: sim.arm.token,
    subscriptionId: sim.arm.subscriptionId,
    resourceGroup: sim.arm.resourceGroup,
    name: sim.arm.name,
  };
  file = join(tempDir('pick-'), 'sim.json');
  writeFileSync(file, JSON.stringify(connection));
});
afterAll(async () => {
  await sim.close();
});

/** Resolves with what the picker would send once the store offers the list. */
function operatorPicks(
  store: SessionStore,
  pick: (c: ListedCluster[]) => ListedCluster | undefined,
) {
  return new Promise<ListedCluster | undefined>((resolve) => {
    const off = store.subscribe(() => {
      const offered = store.getState().pick;
      if (offered) {
        off();
        resolve(pick(offered.clusters));
      }
    });
  });
}

describe('picking a cluster of a subscription', () => {
  it('is needed only when a subscription names no cluster', () => {
    const base: TargetOptions = { cloud: 'AzureCloud', demo: false };
    expect(needsPick({ ...base, subscription: 's' })).toBe(true);
    expect(needsPick({ ...base, subscription: 's', resourceGroup: 'g', name: 'n' })).toBe(false);
    expect(needsPick({ ...base, context: 'c' })).toBe(false);
  });

  it('lists the subscription through ARM, and the picked cluster connects; nothing is written', async () => {
    const store = new SessionStore({ readOnly: true, dryRun: false, demo: false });
    const target: TargetOptions = {
      cloud: 'AzureCloud',
      demo: false,
      subscription: sim.arm.subscriptionId,
      simConnection: file,
    };
    const chosen = await pickCluster(
      target,
      store,
      {},
      operatorPicks(store, (c) => c[0]),
    );
    expect(chosen).toMatchObject({
      subscription: sim.arm.subscriptionId,
      resourceGroup: sim.arm.resourceGroup,
      name: sim.arm.name,
    });
    expect(store.getState().pick).toBeUndefined();
    expect(store.getState().connection).toEqual({
      phase: 'connecting',
      detail: `Connecting to ${sim.arm.name}`,
    });
    const reached = await connectTarget(chosen!, {
      env: {},
      mode: { readOnly: false, dryRun: false },
    });
    expect(reached.connection.summary.name).toBe(sim.arm.name);
    expect(sim.log.writes()).toEqual([]);
  });

  it('offers name, group, region, version and state from the list', async () => {
    const store = new SessionStore({ readOnly: true, dryRun: false, demo: false });
    let seen: ListedCluster[] = [];
    await pickCluster(
      {
        cloud: 'AzureCloud',
        demo: false,
        subscription: sim.arm.subscriptionId,
        simConnection: file,
      },
      store,
      {},
      operatorPicks(store, (c) => {
        seen = c;
        return undefined; // the operator quits
      }),
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      name: sim.arm.name,
      resourceGroup: sim.arm.resourceGroup,
      location: sim.arm.location,
      provisioningState: 'Succeeded',
      powerState: 'Running',
    });
    expect(seen[0]!.kubernetesVersion).toMatch(/^1\.\d+\.\d+$/);
    expect(store.getState().connection.phase).toBe('connecting');
  });

  it('a subscription the caller cannot see fails in one line', async () => {
    const store = new SessionStore({ readOnly: true, dryRun: false, demo: false });
    const other = '99999999-9999-9999-9999-999999999999';
    const chosen = await pickCluster(
      { cloud: 'AzureCloud', demo: false, subscription: other, simConnection: file },
      store,
      {},
      new Promise(() => undefined),
    );
    expect(chosen).toBeUndefined();
    const state = store.getState().connection;
    expect(state.phase).toBe('failed');
    expect(state.phase === 'failed' && state.message).toMatch(new RegExp(`subscription ${other}`));
    expect(state.phase === 'failed' && state.message).not.toContain('\n');
  });
});
