// An ARM write is sent once. Its answer may be lost after ARM applied it (the connection reset on
// the way back), or a 5xx may come after the change was made: sent again, it could act twice, or
// be refused (412: the eTag moved because the first PUT was applied) and read as "nothing was
// changed". README "Time limits": "writes are never repeated"; only reading the resource tells
// what an unanswered write did (https://learn.microsoft.com/azure/azure-resource-manager/management/async-operations).
// Reads keep the SDK's retries. Real SDK clients over the simulator's HTTPS.
import { afterEach, describe, expect, it } from 'vitest';
import type { ManagedCluster } from '@azure/arm-containerservice';
import { putManagedCluster, sendableCluster } from '../../src/azure/put-cluster.js';
import { unheardOutcome } from '../../src/azure/lro-outcome.js';
import {
  postAbort,
  postNodeImageUpgrade,
  putCluster,
  putPool,
  type LroPoller,
} from '../../src/azure/upgrade-ops.js';
import type { Connection } from '../../src/model/connection.js';
import { OutcomeUnknown } from '../../src/model/errors.js';
import type { FaultSpec } from '../../src/sim/faults.js';
import type { Interceptor } from '../../src/sim/server.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { connectToSim } from '../helpers/sim-session.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const FAST = { updateIntervalInMs: 5 };
const ROLE_ASSIGNMENT = '00000000-0000-0000-0000-0000000000a1';

/** Each kind of ARM write the tool sends: its method, a path it matches, and how it is sent. */
const WRITES: Array<{
  name: string;
  method: 'PUT' | 'POST' | 'DELETE';
  path: RegExp;
  send: (arm: NonNullable<Connection['arm']>, read: ManagedCluster) => Promise<unknown>;
}> = [
  {
    name: 'cluster PUT',
    method: 'PUT',
    path: /\/managedClusters\/[^/]+$/i,
    send: (arm, read) => follow(putCluster(arm.client, arm.at, sendableCluster(read), FAST)),
  },
  {
    name: 'pool PUT',
    method: 'PUT',
    path: /\/agentPools\/[^/]+$/i,
    send: async (arm) => {
      const pool = await arm.client.agentPools.get(arm.at.resourceGroup, arm.at.name, 'apps');
      return follow(putPool(arm.client, arm.at, 'apps', pool, FAST));
    },
  },
  {
    name: 'node image upgrade POST',
    method: 'POST',
    path: /\/upgradeNodeImageVersion$/i,
    send: (arm) => follow(postNodeImageUpgrade(arm.client, arm.at, 'apps', FAST)),
  },
  {
    name: 'abort POST',
    method: 'POST',
    path: /\/abort$/i,
    send: (arm) => follow(postAbort(arm.client, arm.at, undefined, FAST)),
  },
  {
    name: 'role assignment PUT',
    method: 'PUT',
    path: /\/roleAssignments\/[^/]+$/i,
    send: (arm, read) =>
      arm.authorization!.roleAssignments.create(read.id!.slice(1), ROLE_ASSIGNMENT, {
        roleDefinitionId: `${read.id!}/providers/Microsoft.Authorization/roleDefinitions/b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b`,
        principalId: '00000000-0000-0000-0000-0000000000b2',
      }),
  },
  {
    name: 'role assignment DELETE',
    method: 'DELETE',
    path: /\/roleAssignments\/[^/]+$/i,
    send: (arm, read) =>
      arm.authorization!.roleAssignments.deleteById(
        `${read.id!.slice(1)}/providers/Microsoft.Authorization/roleAssignments/${ROLE_ASSIGNMENT}`,
      ),
  },
];

function follow(poller: LroPoller): Promise<unknown> {
  return poller.pollUntilDone().catch((error: unknown) => {
    throw Object.assign(error as Error, { state: poller.operationState });
  });
}

/** Faults on every ARM write (never on the credential listing connecting needs). */
const WRITE_FAULTS: Array<[string, FaultSpec]> = [
  ['its answer was lost after ARM applied it', { loseAnswer: 1 }],
  ['its connection was reset', { reset: 1 }],
  ['ARM answered 500', { serverError: 1, serverErrorStatus: 500 }],
  ['ARM answered 503', { serverError: 1, serverErrorStatus: 503 }],
  ['ARM answered 504 after applying it', { processedTimeout: 1 }],
];

describe('an ARM write', () => {
  it.each(WRITE_FAULTS)(
    'is sent once when %s',
    async (_, fault) => {
      sim = await startSimulator({
        scenario: 'demo',
        faults: {
          api: 'arm',
          methods: ['PUT', 'POST', 'DELETE'],
          pathPattern: '^(?!.*listCluster\\w*Credential$)',
          ...fault,
        },
      });
      const arm = (await connectToSim(sim)).arm!;
      const read = await arm.client.managedClusters.get(arm.at.resourceGroup, arm.at.name);
      const sent: Record<string, number> = {};
      for (const write of WRITES) {
        const before = sim.log.entries.length;
        const error = await write.send(arm, read).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, write.name).toBeDefined();
        sent[write.name] = sim.log.entries
          .slice(before)
          .filter(
            (e) => e.api === 'arm' && e.method === write.method && write.path.test(e.path),
          ).length;
      }
      expect(sent).toEqual(Object.fromEntries(WRITES.map((w) => [w.name, 1])));
    },
    60_000,
  );

  it('whose answer never came, or came as a gateway timeout, has an unknown outcome', async () => {
    for (const fault of [{ loseAnswer: 1 }, { processedTimeout: 1 }]) {
      sim = await startSimulator({
        scenario: 'demo',
        faults: { api: 'arm', methods: ['PUT'], pathPattern: '/agentPools/', ...fault },
      });
      const arm = (await connectToSim(sim)).arm!;
      const error = await WRITES[1]!.send(arm, { location: 'unused' }).then(
        () => undefined,
        (e: unknown) => e as { state?: { status: string } },
      );
      expect(unheardOutcome(error, error?.state), JSON.stringify(fault)).toEqual({
        accepted: false,
      });
      await sim.close();
      sim = undefined;
    }
  }, 60_000);
});

describe('an ARM read', () => {
  it('is still asked again after its connection was reset', async () => {
    sim = await startSimulator({ scenario: 'demo' });
    const arm = (await connectToSim(sim)).arm!;
    let reset = 0;
    const https = (sim as unknown as { https: { interceptors: Interceptor[] } }).https;
    https.interceptors.unshift((q, api) => {
      if (api !== 'arm' || q.method !== 'GET' || !/\/agentPools\/apps$/i.test(q.path) || reset > 0)
        return undefined;
      reset += 1;
      return 'reset';
    });
    const pool = await arm.client.agentPools.get(arm.at.resourceGroup, arm.at.name, 'apps');
    expect(pool.name).toBe('apps');
    const gets = sim.log.entries.filter(
      (e) => e.method === 'GET' && /agentPools\/apps$/i.test(e.path),
    );
    expect(gets).toHaveLength(2);
  }, 60_000);
});

describe('a cluster PUT whose answer was lost', () => {
  it('is sent once and reported as of unknown outcome, never as refused', async () => {
    sim = await startSimulator({ scenario: 'demo' });
    const connection = await connectToSim(sim);
    const arm = connection.arm!;
    const clusterPath = new RegExp(`/managedClusters/${sim.arm.name}$`, 'i');
    let lost = 0;
    const https = (sim as unknown as { https: { interceptors: Interceptor[] } }).https;
    // The first PUT of the cluster is processed by ARM, then its answer is dropped on the way back.
    https.interceptors.unshift((q, api) => {
      if (api !== 'arm' || q.method !== 'PUT' || !clusterPath.test(q.path) || lost > 0)
        return undefined;
      lost += 1;
      return 'lose';
    });
    const read = await arm.client.managedClusters.get(arm.at.resourceGroup, arm.at.name);
    const body = { ...sendableCluster(read), tags: { ...(read.tags ?? {}), owner: 'ops' } };
    const error = await putManagedCluster(arm, {
      body,
      ...(read.eTag ? { eTag: read.eTag } : {}),
      onStatus: () => undefined,
      pollMs: 5,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const puts = sim.log.entries.filter(
      (e) => e.api === 'arm' && e.method === 'PUT' && clusterPath.test(e.path),
    );
    expect(
      { puts: puts.map((p) => p.status), said: (error as Error | undefined)?.message },
      'the PUT must not be sent again after its answer was lost',
    ).toMatchObject({ puts: [0] });
    expect(error).toBeInstanceOf(OutcomeUnknown);
    expect((error as Error).message).toMatch(/may or may not have/);
  }, 60_000);
});
