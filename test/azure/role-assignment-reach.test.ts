// Which role assignments listed at a cluster's scope reach its Kubernetes API (pure).
import { describe, expect, it } from 'vitest';
import { reachesCluster } from '../../src/azure/role-assignments.js';

const MC =
  '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks';

describe('reachesCluster', () => {
  it('keeps the cluster, what is above it and its namespaces, in any case', () => {
    expect(reachesCluster(MC, MC)).toBe(true);
    expect(reachesCluster('/subscriptions/s/resourceGroups/rg', MC)).toBe(true);
    expect(reachesCluster('/providers/Microsoft.Management/managementGroups/root', MC)).toBe(true);
    expect(reachesCluster(`${MC}/namespaces/shop`, MC)).toBe(true);
    expect(reachesCluster(`${MC.toUpperCase()}/NAMESPACES/shop`, MC)).toBe(true);
  });

  it('leaves out other scopes below the cluster (a node pool grants nothing in Kubernetes)', () => {
    expect(reachesCluster(`${MC}/agentPools/nodepool1`, MC)).toBe(false);
    expect(reachesCluster(`${MC}/namespaces/shop/extra`, MC)).toBe(false);
  });
});
