// Fleet Manager update strategies on the simulator through the real @azure/arm-containerservicefleet
// client and its pollers: created, replaced, refused as ARM refuses (400 naming the group, 412).
import { ContainerServiceFleetClient } from '@azure/arm-containerservicefleet';
import { isRestError } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpdateStrategy, stagesOf } from '../../src/fleet/strategies.js';
import type { FleetAt } from '../../src/fleet/locate.js';
import { FLEET_SUBSCRIPTIONS } from '../../src/sim/scenarios/fleet.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fixedTokenCredential } from '../../src/target/credential.js';

let sim: Simulator;
let client: ContainerServiceFleetClient;
const fleet: FleetAt = {
  subscriptionId: FLEET_SUBSCRIPTIONS.prod,
  resourceGroup: 'rg-fleet',
  name: 'fleet-contoso',
  id: `/subscriptions/${FLEET_SUBSCRIPTIONS.prod}/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/fleet-contoso`,
};

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
  client = new ContainerServiceFleetClient(
    fixedTokenCredential(sim.arm.token),
    fleet.subscriptionId,
    {
      endpoint: sim.arm.endpoint,
      tlsOptions: { ca: sim.caCert },
      retryOptions: { maxRetries: 0 },
    },
  );
});
afterAll(async () => {
  await sim.close();
});

/** A journal that keeps its lines in memory, to see the intent precede the PUT. */
function memoryJournal() {
  const lines: string[] = [];
  return {
    lines,
    async mutation<T>(action: string, _detail: Record<string, unknown>, act: () => Promise<T>) {
      lines.push(`intent ${action}`);
      try {
        const v = await act();
        lines.push(`result ${action} ok`);
        return v;
      } catch (error) {
        lines.push(`result ${action} failed`);
        throw error;
      }
    },
  };
}

async function armErrorOf(
  p: Promise<unknown>,
): Promise<{ status?: number; code?: string; message: string }> {
  try {
    await p;
  } catch (error) {
    if (isRestError(error)) {
      const detail = (error.details as { error?: { code?: string; message?: string } } | undefined)
        ?.error;
      return {
        status: error.statusCode,
        code: detail?.code ?? error.code,
        message: detail?.message ?? error.message,
      };
    }
    throw error;
  }
  throw new Error('expected ARM to refuse');
}

describe('update strategies on the simulated Fleet Manager', () => {
  it('creates one through createUpdateStrategy (poller), lists it, and replaces it with 200', async () => {
    const journal = memoryJournal();
    const before = sim.log.writes().length;
    const made = await createUpdateStrategy(
      client,
      fleet,
      'eu-first',
      [
        { name: 'dev', groups: ['dev'], afterStageWaitInSeconds: 60 },
        { name: 'staging', groups: ['staging'] },
        { name: 'prod', groups: ['prod-eu', 'prod-us'], afterStageWaitInSeconds: 0 },
      ],
      { journal, updateIntervalInMs: 10 },
    );
    expect(made.name).toBe('eu-first');
    expect(made.properties?.provisioningState).toBe('Succeeded');
    expect(stagesOf(made)).toEqual([
      { name: 'dev', groups: ['dev'], afterStageWaitInSeconds: 60 },
      { name: 'staging', groups: ['staging'] },
      { name: 'prod', groups: ['prod-eu', 'prod-us'] },
    ]);
    expect(journal.lines).toEqual([
      'intent create update strategy',
      'result create update strategy ok',
    ]);
    const put = sim.log.writes().slice(before);
    expect(put.map((e) => `${e.method} ${e.status}`)).toEqual(['PUT 201']);
    const names: string[] = [];
    for await (const s of client.fleetUpdateStrategies.listByFleet(fleet.resourceGroup, fleet.name))
      names.push(s.name!);
    expect(names.sort()).toEqual(['dev-staging-prod', 'eu-first']);
    await createUpdateStrategy(client, fleet, 'eu-first', [{ name: 'all', groups: ['dev'] }], {
      journal,
      updateIntervalInMs: 10,
    });
    expect(sim.log.writes().at(-1)).toMatchObject({ method: 'PUT', status: 200 });
    const read = await client.fleetUpdateStrategies.get(
      fleet.resourceGroup,
      fleet.name,
      'eu-first',
    );
    expect(stagesOf(read)).toEqual([{ name: 'all', groups: ['dev'] }]);
  });

  it("refuses a group no member is in, naming it and the fleet's groups (400)", async () => {
    const refused = await armErrorOf(
      client.fleetUpdateStrategies.createOrUpdate(fleet.resourceGroup, fleet.name, 'typo', {
        properties: {
          strategy: { stages: [{ name: 'one', groups: [{ name: 'dev' }, { name: 'prod-asia' }] }] },
        },
      }),
    );
    expect(refused).toMatchObject({ status: 400, code: 'BadRequest' });
    expect(refused.message).toMatch(
      /Group prod-asia in stage one does not match the group of any member of fleet fleet-contoso \(groups: dev, prod-eu, prod-us, staging\)/,
    );
    const missing = await client.fleetUpdateStrategies
      .get(fleet.resourceGroup, fleet.name, 'typo')
      .catch((e: unknown) => e);
    expect(isRestError(missing) && missing.statusCode).toBe(404);
  });

  it('refuses duplicate groups and stages, an empty stage, bad names and an existing name with If-None-Match', async () => {
    const put = (
      name: string,
      stages: Array<{ name: string; groups: Array<{ name: string }> }>,
      ifNoneMatch?: string,
    ) =>
      armErrorOf(
        client.fleetUpdateStrategies.createOrUpdate(
          fleet.resourceGroup,
          fleet.name,
          name,
          { properties: { strategy: { stages } } },
          ifNoneMatch ? { ifNoneMatch } : {},
        ),
      );
    expect(
      (
        await put('dup', [
          { name: 'a', groups: [{ name: 'dev' }] },
          { name: 'b', groups: [{ name: 'dev' }] },
        ])
      ).message,
    ).toMatch(/Group dev appears more than once/);
    expect(
      (
        await put('dup', [
          { name: 'a', groups: [{ name: 'dev' }] },
          { name: 'a', groups: [{ name: 'staging' }] },
        ])
      ).message,
    ).toMatch(/Stage name a is duplicated/);
    expect((await put('empty', [{ name: 'a', groups: [] }])).message).toMatch(/at least one group/);
    expect(await put('Bad_Name', [{ name: 'a', groups: [{ name: 'dev' }] }])).toMatchObject({
      status: 400,
      code: 'InvalidResourceName',
    });
    expect(
      await put('dev-staging-prod', [{ name: 'a', groups: [{ name: 'dev' }] }], '*'),
    ).toMatchObject({ status: 412, code: 'PreconditionFailed' });
    const stale = await armErrorOf(
      client.fleetUpdateStrategies.createOrUpdate(
        fleet.resourceGroup,
        fleet.name,
        'dev-staging-prod',
        { properties: { strategy: { stages: [{ name: 'a', groups: [{ name: 'dev' }] }] } } },
        { ifMatch: '"not-the-etag"' },
      ),
    );
    expect(stale).toMatchObject({ status: 412, code: 'PreconditionFailed' });
    const read = await client.fleetUpdateStrategies.get(
      fleet.resourceGroup,
      fleet.name,
      'dev-staging-prod',
    );
    expect(stagesOf(read).map((s) => s.name)).toEqual(['dev', 'staging', 'prod']);
    await client.fleetUpdateStrategies.delete(fleet.resourceGroup, fleet.name, 'dev-staging-prod', {
      ifMatch: read.eTag!,
      updateIntervalInMs: 10,
    });
    const gone = await client.fleetUpdateStrategies
      .get(fleet.resourceGroup, fleet.name, 'dev-staging-prod')
      .catch((e: unknown) => e);
    expect(isRestError(gone) && gone.statusCode).toBe(404);
  });
});
