import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResourceGraphClient, queryAllPages } from '../../src/azure/resource-graph.js';
import { CLUSTERS_QUERY } from '../../src/fleet/graph-queries.js';
import type { Interceptor } from '../../src/sim/server.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fixedTokenCredential } from '../../src/target/credential.js';

// Resource Graph may answer only part of a query's rows with `resultTruncated: "true"` and then
// sends no $skipToken: "When resultTruncated is true, the $skipToken property isn't set in the
// response" (https://learn.microsoft.com/azure/governance/resource-graph/concepts/work-with-data).
// The fleet inventory (and `audit --all-subscriptions`) must not take such a page as every cluster.
describe('Resource Graph answer marked truncated', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
  });
  afterAll(() => sim.close());

  it('is not taken as the whole inventory (12 clusters, 3 answered, truncated)', async () => {
    const https = (sim as unknown as { https: { interceptors: Interceptor[] } }).https;
    https.interceptors.unshift((q) => {
      if (!/ResourceGraph/i.test(q.path)) return undefined;
      return {
        status: 200,
        body: {
          totalRecords: 12,
          count: 3,
          data: ['a', 'b', 'c'].map((n) => ({
            id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${n}`,
            name: n,
          })),
          facets: [],
          resultTruncated: 'true',
        },
      };
    });
    const graph = createResourceGraphClient({
      credential: fixedTokenCredential(sim.arm.token),
      cloud: 'AzureCloud',
      mode: { readOnly: true, dryRun: false },
      endpoint: sim.arm.endpoint,
      caCert: sim.caCert,
    });
    // Correct: a truncated answer is a hole (rejects), never 3 of 12 clusters as if complete.
    await expect(queryAllPages(graph, CLUSTERS_QUERY)).rejects.toThrow(/truncat/i);
  });
});
