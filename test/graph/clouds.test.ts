// Each cloud's Microsoft Graph endpoint and token scope (sovereign clouds have their own).
import { describe, expect, it } from 'vitest';
import { CLOUD_NAMES, cloudEndpoints } from '../../src/azure/clouds.js';

describe('Graph endpoints per cloud', () => {
  it.each([
    ['AzureCloud', 'https://graph.microsoft.com'],
    ['AzureUSGovernment', 'https://graph.microsoft.us'],
    ['AzureChinaCloud', 'https://microsoftgraph.chinacloudapi.cn'],
  ] as const)('%s reads names from %s with its own scope', (cloud, graph) => {
    expect(cloudEndpoints(cloud)).toMatchObject({
      graphEndpoint: graph,
      graphScope: `${graph}/.default`,
    });
  });
  it('covers every cloud the tool targets', () => {
    for (const c of CLOUD_NAMES) expect(cloudEndpoints(c).graphEndpoint).toMatch(/^https:\/\//);
  });
});
