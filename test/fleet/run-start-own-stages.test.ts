// `fleet run start` on an update run that exists already confirms the order that run will go in:
// its own stages as Azure holds them (set inline, or the snapshot of the strategy it was made
// from), not the fleet's strategy or `--strategy`. Real Fleet Manager client over HTTPS against
// the simulator; the run is made through the same wire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleetClient } from '../../src/azure/fleet-client.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fixedTokenCredential } from '../../src/target/credential.js';
import { fleetHarness, writesOf } from './fleet-harness.js';

let sim: Simulator;
let fleet: ReturnType<typeof fleetHarness>;

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
  fleet = fleetHarness(sim);
  const spec = sim.fleets[0]!.spec;
  const client = createFleetClient({
    credential: fixedTokenCredential(sim.arm.token),
    subscriptionId: spec.subscriptionId,
    cloud: 'AzureCloud',
    endpoint: sim.arm.endpoint,
    caCert: sim.caCert,
    mode: { readOnly: false, dryRun: false },
  });
  // Prod first: the opposite of the fleet's only strategy (dev, staging, prod).
  await client.updateRuns.createOrUpdate(
    spec.resourceGroup,
    spec.name,
    'prod-first',
    {
      properties: {
        strategy: {
          stages: [
            { name: 'prod', groups: [{ name: 'prod-eu' }, { name: 'prod-us' }] },
            { name: 'staging', groups: [{ name: 'staging' }] },
            { name: 'dev', groups: [{ name: 'dev' }] },
          ],
        },
        managedClusterUpdate: {
          upgrade: { type: 'Full', kubernetesVersion: '1.31.8' },
          nodeImageSelection: { type: 'Latest' },
        },
      },
    },
    { updateIntervalInMs: 20 },
  );
}, 60_000);
afterAll(async () => {
  await sim.close();
});

/** The STAGE column of a plan's rows, each stage once, in the order printed. */
function stageOrder(out: string): string[] {
  const lines = out.split('\n');
  const header = lines.findIndex((l) => /^#\s+STAGE\s+GROUP/.test(l));
  const end = lines.indexOf('', header);
  const rows = lines.slice(header + 1, end).filter((l) => /^\d+\s/.test(l));
  return [...new Set(rows.map((l) => l.split(/\s+/)[1]!))];
}

describe('fleet run start of an existing run: the order confirmed is the order it runs in', () => {
  it("plans and confirms with the run's own stages, not the fleet's strategy", async () => {
    const before = writesOf(sim);
    const ran = await fleet.run(
      ['run', 'start', '-n', 'prod-first', '--kubernetes-version', '1.31.8'],
      { answers: [''] },
    );
    expect(ran.out).toContain("update run prod-first's own stages");
    expect(ran.out).not.toContain('strategy dev-staging-prod');
    expect(stageOrder(ran.out)).toEqual(['prod', 'staging', 'dev']);
    expect(ran.out).toContain('About to start update run prod-first');
    expect(ran.code).toBe(1);
    expect(writesOf(sim)).toBe(before);
  }, 60_000);

  it('refuses a --strategy the run was not made from, sending nothing', async () => {
    const before = writesOf(sim);
    const ran = await fleet.run([
      'run',
      'start',
      '-n',
      'prod-first',
      '--kubernetes-version',
      '1.31.8',
      '--strategy',
      'dev-staging-prod',
      '--confirm',
      'fleet-contoso',
    ]);
    expect(ran.err).toContain(
      'update run prod-first keeps the stages it was created with (its own), not strategy dev-staging-prod',
    );
    expect(ran.code).toBe(2);
    expect(writesOf(sim)).toBe(before);
  }, 60_000);

  it('runs in the order it confirmed', async () => {
    const ran = await fleet.run([
      'run',
      'start',
      '-n',
      'prod-first',
      '--kubernetes-version',
      '1.31.8',
      '--confirm',
      'fleet-contoso',
    ]);
    const confirmed = stageOrder(ran.out);
    const run = sim.fleets[0]!.runs.get('prod-first')!;
    expect(run.stages.map((s) => s.name)).toEqual(confirmed);
    expect(confirmed).toEqual(['prod', 'staging', 'dev']);
  }, 120_000);

  it('a run made from a strategy keeps its snapshot in `strategy` and is planned from it', async () => {
    const f = sim.fleets[0]!;
    const client = createFleetClient({
      credential: fixedTokenCredential(sim.arm.token),
      subscriptionId: f.spec.subscriptionId,
      cloud: 'AzureCloud',
      endpoint: sim.arm.endpoint,
      caCert: sim.caCert,
      mode: { readOnly: false, dryRun: false },
    });
    const made = await client.updateRuns.createOrUpdate(
      f.spec.resourceGroup,
      f.spec.name,
      'from-strategy',
      {
        properties: {
          updateStrategyId: `${f.id}/updateStrategies/dev-staging-prod`,
          managedClusterUpdate: { upgrade: { type: 'NodeImageOnly' } },
        },
      },
      { updateIntervalInMs: 20 },
    );
    expect(made.properties?.strategy?.stages.map((s) => s.name)).toEqual([
      'dev',
      'staging',
      'prod',
    ]);
    const plan = await fleet.run(
      ['run', 'start', '-n', 'from-strategy', '--upgrade-type', 'NodeImageOnly'],
      { answers: [''] },
    );
    expect(plan.err).toBe('');
    expect(plan.out).toContain(
      "update run from-strategy's own stages (strategy dev-staging-prod as it was when the run was created)",
    );
    expect(stageOrder(plan.out)).toEqual(['dev', 'staging', 'prod']);
  }, 60_000);
});
