import type { ManagedCluster } from '@azure/arm-containerservice';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../../src/model/connection.js';
import { clusterContext } from '../../../src/steps/rbac/inspect.js';

// Only the fields clusterContext reads: the summary's version and ARM's managed cluster.
const connected = (cluster: ManagedCluster): Connection =>
  ({
    summary: { serverVersion: 'v1.31.2', kubernetesVersion: '1.31.2' },
    arm: { facts: { cluster } },
  }) as unknown as Connection;

describe('the cluster facts AKS bindings are recognised by', () => {
  it('keeps the admin groups when enableAzureRBAC says Entra ID is AKS-managed without managed: true', () => {
    const context = clusterContext(
      connected({
        location: 'westeurope',
        aadProfile: { enableAzureRbac: true, adminGroupObjectIDs: ['g-1'] },
      }),
    );
    expect(context.adminGroupObjectIDs).toEqual(['g-1']);
  });

  it('keeps them with managed: true', () => {
    const context = clusterContext(
      connected({
        location: 'westeurope',
        aadProfile: { managed: true, adminGroupObjectIDs: ['g-1'] },
      }),
    );
    expect(context.adminGroupObjectIDs).toEqual(['g-1']);
  });

  it('has none for the legacy integration', () => {
    const context = clusterContext(
      connected({
        location: 'westeurope',
        aadProfile: { serverAppID: 'app', adminGroupObjectIDs: ['g-1'] },
      }),
    );
    expect(context.adminGroupObjectIDs).toEqual([]);
  });
});
