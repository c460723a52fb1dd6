// The multi-cluster simulator through the real Azure SDKs: one ARM endpoint for twelve clusters in
// two subscriptions, Resource Graph paging, and Fleet Manager update runs on the SDK's pollers.
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { ContainerServiceFleetClient, type UpdateRun } from '@azure/arm-containerservicefleet';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { FLEET_SUBSCRIPTIONS } from '../../src/sim/scenarios/fleet.js';
import { fixedTokenCredential } from '../../src/target/credential.js';
import { until } from '../helpers/until.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function options(s: Simulator) {
  return {
    endpoint: s.arm.endpoint,
    tlsOptions: { ca: s.caCert },
    retryOptions: { maxRetries: 0 },
  };
}

const CLUSTER_QUERY =
  "resources | where type =~ 'microsoft.containerservice/managedclusters' | project id, name, subscriptionId, properties | order by id asc";

describe('the fleet scenario', () => {
  it('serves twelve clusters, each with its own API server, through one ARM endpoint', async () => {
    sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
    expect(sim.clusters).toHaveLength(12);
    expect(new Set(sim.clusters.map((c) => c.baseUrl)).size).toBe(12);
    const credential = fixedTokenCredential(sim.arm.token);
    const names: string[] = [];
    for (const sub of Object.values(FLEET_SUBSCRIPTIONS)) {
      const client = new ContainerServiceClient(credential, sub, options(sim));
      for await (const mc of client.managedClusters.list()) names.push(mc.name!);
    }
    expect(names.sort()).toEqual(sim.clusters.map((c) => c.arm.name).sort());
    // A cluster of the other subscription, read and listed through the same endpoint.
    const prod = sim.clusters.find((c) => c.arm.name === 'aks-pay-prod-eus')!;
    const client = new ContainerServiceClient(credential, FLEET_SUBSCRIPTIONS.prod, options(sim));
    const mc = await client.managedClusters.get(prod.arm.resourceGroup, prod.arm.name);
    expect(mc.kubernetesVersion).toBe('1.31.8');
    expect(mc.apiServerAccessProfile?.authorizedIPRanges).toEqual(['203.0.113.0/24']);
  });

  it('pages Resource Graph answers with skip tokens, only for the same query', async () => {
    sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
    const graph = new ResourceGraphClient(fixedTokenCredential(sim.arm.token), options(sim));
    const seen: string[] = [];
    let skipToken: string | undefined;
    let pages = 0;
    do {
      const page = await graph.resources({
        query: CLUSTER_QUERY,
        options: { top: 5, ...(skipToken ? { skipToken } : {}) },
      });
      pages++;
      expect(page.totalRecords).toBe(12);
      seen.push(...(page.data as Array<{ name: string }>).map((r) => r.name));
      skipToken = page.skipToken;
    } while (skipToken);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(12);
    const first = await graph.resources({
      query: CLUSTER_QUERY,
      subscriptions: [FLEET_SUBSCRIPTIONS.prod],
      options: { top: 2 },
    });
    expect(first.totalRecords).toBe(6);
    await expect(
      graph.resources({
        query: 'resources | project name',
        options: { skipToken: first.skipToken! },
      }),
    ).rejects.toMatchObject({ statusCode: 400 });
    // A read, also for the request log: no write was recorded.
    expect(sim.log.writes()).toEqual([]);
  });

  it('runs an update run stage by stage; a PDB-blocked member fails the run, is skipped and the run resumes', async () => {
    sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
    const fleet = new ContainerServiceFleetClient(
      fixedTokenCredential(sim.arm.token),
      FLEET_SUBSCRIPTIONS.prod,
      options(sim),
    );
    const poll = { updateIntervalInMs: 5 };
    const strategy = await fleet.fleetUpdateStrategies.get(
      'rg-fleet',
      'fleet-contoso',
      'dev-staging-prod',
    );
    const created = await fleet.updateRuns.createOrUpdate(
      'rg-fleet',
      'fleet-contoso',
      'to-131',
      {
        properties: {
          updateStrategyId: strategy.id!,
          managedClusterUpdate: {
            upgrade: { type: 'Full', kubernetesVersion: '1.31.8' },
            nodeImageSelection: { type: 'Latest' },
          },
        },
      },
      poll,
    );
    expect(created.properties?.status?.status?.state).toBe('NotStarted');
    expect(created.properties?.status?.stages?.map((s) => s.name)).toEqual([
      'dev',
      'staging',
      'prod',
    ]);
    const started = await fleet.updateRuns.start('rg-fleet', 'fleet-contoso', 'to-131', poll);
    expect(started.properties?.status?.status?.state).toBe('Running');
    const get = (): Promise<UpdateRun> =>
      fleet.updateRuns.get('rg-fleet', 'fleet-contoso', 'to-131');
    const failed = await until(
      async () => {
        const run = await get();
        return run.properties?.status?.status?.state === 'Failed' && run;
      },
      'the run to fail on the blocked member',
      30_000,
    );
    const staging = failed.properties!.status!.stages![1]!;
    const blocked = staging.groups![0]!.members!.find((m) => m.status?.state === 'Failed');
    expect(blocked?.name).toBe('pay-stg');
    expect(blocked?.message).toMatch(/PDB|disruption budget/i);
    expect(failed.properties!.status!.stages![2]!.status?.state).toBe('NotStarted');
    await fleet.updateRuns.skip(
      'rg-fleet',
      'fleet-contoso',
      'to-131',
      { targets: [{ type: 'Member', name: 'pay-stg' }] },
      poll,
    );
    // The waits after stages are skipped too, so the test does not sit through them.
    await fleet.updateRuns.skip(
      'rg-fleet',
      'fleet-contoso',
      'to-131',
      { targets: [{ type: 'AfterStageWait', name: 'staging' }] },
      poll,
    );
    await fleet.updateRuns.start('rg-fleet', 'fleet-contoso', 'to-131', poll);
    const done = await until(
      async () => {
        const run = await get();
        return run.properties?.status?.status?.state === 'Completed' && run;
      },
      'the run to complete',
      30_000,
    );
    const states = done.properties!.status!.stages!.flatMap((s) =>
      s.groups!.flatMap((g) => g.members!.map((m) => `${m.name}:${m.status?.state}`)),
    );
    expect(states).toContain('pay-stg:Skipped');
    expect(states.filter((s) => s.endsWith(':Completed'))).toHaveLength(9);
    const prodCluster = sim.clusters.find((c) => c.arm.name === 'aks-shop-prod-eus')!;
    expect(prodCluster.aks.state.currentKubernetesVersion).toBe('1.31.8');
    const blockedCluster = sim.clusters.find((c) => c.arm.name === 'aks-pay-stg')!;
    expect(blockedCluster.aks.state.currentKubernetesVersion).toBe('1.31.8');
    expect(blockedCluster.aks.state.provisioningState).toBe('Failed');
  }, 60_000);
});
