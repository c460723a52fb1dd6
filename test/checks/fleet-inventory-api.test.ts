// The fleet inventory's API server exposure, from a Resource Graph row (ARM's wire names), must
// say what the single-cluster check (access.api-public) says of the same cluster.
import { describe, expect, it } from 'vitest';
import { clusterOf } from '../../src/fleet/graph-rows.js';
import { risksOf } from '../../src/checks/fleet/inventory-risk.js';

const ID =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks';
const row = (properties: Record<string, unknown>) => ({
  id: ID,
  name: 'aks',
  location: 'westeurope',
  properties,
});
const exposure = (properties: Record<string, unknown>) => {
  const cluster = clusterOf(row(properties), new Map(), undefined, Date.UTC(2026, 11, 1));
  return [cluster.api, risksOf(cluster).includes('public-api')];
};

describe('inventory API exposure', () => {
  it('authorized ranges that let the internet in are public, as access.api-public says', () => {
    expect(exposure({ apiServerAccessProfile: { authorizedIPRanges: ['0.0.0.0/0'] } })).toEqual([
      'public',
      true,
    ]);
    expect(
      exposure({ apiServerAccessProfile: { authorizedIPRanges: ['0.0.0.0/1', '128.0.0.0/1'] } }),
    ).toEqual(['public', true]);
    expect(
      exposure({ apiServerAccessProfile: { authorizedIPRanges: ['203.0.113.0/24'] } }),
    ).toEqual(['authorized', false]);
  });

  it('public network access disabled is not public, however cased', () => {
    expect(exposure({ publicNetworkAccess: 'Disabled' })).toEqual(['private', false]);
    expect(exposure({ publicNetworkAccess: 'disabled' })).toEqual(['private', false]);
    expect(exposure({ apiServerAccessProfile: { enablePrivateCluster: true } })).toEqual([
      'private',
      false,
    ]);
    expect(exposure({})).toEqual(['public', true]);
    expect(exposure({ apiServerAccessProfile: { authorizedIPRanges: [] } })).toEqual([
      'public',
      true,
    ]);
  });
});
