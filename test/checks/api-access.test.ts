import { describe, expect, it } from 'vitest';
import type { ManagedCluster } from '@azure/arm-containerservice';
import {
  apiAccessFactsOf,
  apiAccessFindings,
  apiAccessSummary,
} from '../../src/checks/access/api-access.js';
import { fixtureCluster } from './azure-fixture.js';

const AZ = '--subscription sub -g rg -n aks';
const ids = (mc: ManagedCluster) =>
  apiAccessFindings(apiAccessFactsOf(mc), 'aks', AZ).map((f) => f.id);

const entra = { managed: true, enableAzureRbac: false, adminGroupObjectIDs: ['g1'] };

describe('api-access checks', () => {
  it('reads a cluster without any access profile without crashing', async () => {
    const bare = await fixtureCluster('managed-cluster-bare');
    const facts = apiAccessFactsOf(bare);
    expect(facts).toMatchObject({ entra: 'off', azureRbac: false, privateCluster: false });
    // Without Entra ID, Azure RBAC and local accounts cannot be changed yet: one finding, not three.
    // The documentation's example also has enableRBAC: false, which no later change can undo.
    expect(ids(bare)).toEqual(['access.rbac-off', 'access.entra-off', 'access.api-public']);
    const [rbacOff, entraOff] = apiAccessFindings(facts, 'aks', AZ);
    expect(rbacOff!.severity).toBe('high');
    expect(entraOff!.remediation).not.toContain('az aks update');
    expect(ids({ ...bare, enableRbac: true })).toEqual(['access.entra-off', 'access.api-public']);
    expect(apiAccessSummary(facts)).toHaveLength(4);
  });

  it('is quiet for the hardened cluster as ARM sends it (Entra ID, Azure RBAC, ranges)', async () => {
    const hardened = await fixtureCluster('managed-cluster-profiles');
    expect(apiAccessFactsOf(hardened)).toMatchObject({
      entra: 'managed',
      azureRbac: true,
      privateCluster: false,
    });
    expect(ids(hardened)).toEqual([]);
  });

  it('gives the exact az command for each finding', () => {
    const findings = apiAccessFindings(
      apiAccessFactsOf({ location: 'x', aadProfile: entra }),
      'aks',
      AZ,
    );
    expect(Object.fromEntries(findings.map((f) => [f.id, [f.severity, f.remediation]]))).toEqual({
      'access.azure-rbac-off': ['low', `az aks update ${AZ} --enable-azure-rbac`],
      'access.local-accounts-on': ['medium', `az aks update ${AZ} --disable-local-accounts`],
      'access.api-public': [
        'medium',
        `az aks update ${AZ} --api-server-authorized-ip-ranges <your-office-and-CI-CIDRs>`,
      ],
    });
  });

  it('is quiet for a locked-down cluster', () => {
    const locked: ManagedCluster = {
      location: 'x',
      aadProfile: { ...entra, enableAzureRbac: true },
      disableLocalAccounts: true,
      apiServerAccessProfile: { authorizedIPRanges: ['203.0.113.0/24'] },
    };
    expect(ids(locked)).toEqual([]);
  });

  it('counts a private cluster or disabled public access as not public, ranges or not', () => {
    const base = {
      location: 'x',
      aadProfile: { ...entra, enableAzureRbac: true },
      disableLocalAccounts: true,
    };
    expect(ids({ ...base, apiServerAccessProfile: { enablePrivateCluster: true } })).toEqual([]);
    expect(ids({ ...base, publicNetworkAccess: 'Disabled' })).toEqual([]);
    expect(ids({ ...base, apiServerAccessProfile: { authorizedIPRanges: [] } })).toEqual([
      'access.api-public',
    ]);
  });

  it('treats an authorized range of 0.0.0.0/0 as public', () => {
    const findings = apiAccessFindings(
      apiAccessFactsOf({
        location: 'x',
        aadProfile: { ...entra, enableAzureRbac: true },
        disableLocalAccounts: true,
        apiServerAccessProfile: { authorizedIPRanges: ['10.0.0.0/8', '0.0.0.0/0'] },
      }),
      'aks',
      AZ,
    );
    expect(findings.map((f) => f.id)).toEqual(['access.api-public']);
    expect(findings[0]!.message).toContain('0.0.0.0/0');
  });

  it('takes Azure RBAC for Kubernetes as AKS-managed Entra ID, which it needs', () => {
    const mc: ManagedCluster = {
      location: 'x',
      aadProfile: { enableAzureRbac: true, adminGroupObjectIDs: ['g1'] },
    };
    expect(apiAccessFactsOf(mc)).toMatchObject({ entra: 'managed', azureRbac: true });
    // Not "Entra ID off" (a false alarm), and the local accounts are judged.
    expect(ids(mc)).toEqual(['access.local-accounts-on', 'access.api-public']);
  });

  it('names the legacy app-based Entra integration', () => {
    const legacy = { location: 'x', aadProfile: { managed: false, serverAppID: 'app' } };
    const [finding] = apiAccessFindings(apiAccessFactsOf(legacy), 'aks', AZ);
    expect(finding).toMatchObject({ id: 'access.entra-off', severity: 'high' });
    expect(finding!.message).toMatch(/app-based/);
    expect(finding!.remediation).toBe(
      `az aks update ${AZ} --enable-aad --aad-admin-group-object-ids <admin-group-object-id>`,
    );
  });
});
