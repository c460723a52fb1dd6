// The fleet inventory counts the retired app-based (legacy) Entra integration as Entra ID off, so
// such a cluster carries the 'no-entra' risk, as the API server access step rates the same
// cluster access.entra-off, high.
import { describe, expect, it } from 'vitest';
import { apiAccessFactsOf, apiAccessFindings } from '../../src/checks/access/api-access.js';
import { risksOf } from '../../src/checks/fleet/inventory-risk.js';
import { clusterOf } from '../../src/fleet/graph-rows.js';

const ID =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks';
// The legacy integration as ARM returns it: client and server apps, no `managed`.
const aadProfile = {
  clientAppID: '11111111-1111-4111-8111-111111111111',
  serverAppID: '22222222-2222-4222-8222-222222222222',
  tenantID: '33333333-3333-4333-8333-333333333333',
};

describe('a cluster on the legacy (app-based) Entra integration', () => {
  // learn.microsoft.com/azure/aks/azure-ad-integration-cli: the legacy Microsoft Entra
  // integration is deprecated; move to AKS-managed Microsoft Entra integration.
  it('is a no-entra risk in the fleet inventory, as the access step says', () => {
    expect(
      apiAccessFindings(apiAccessFactsOf({ location: 'x', aadProfile }), 'aks', '').map(
        (f) => f.id,
      ),
    ).toContain('access.entra-off');
    const cluster = clusterOf(
      { id: ID, name: 'aks', location: 'westeurope', properties: { aadProfile } },
      new Map(),
      undefined,
      Date.UTC(2026, 11, 1),
    );
    expect(risksOf(cluster)).toContain('no-entra');
  });
});
