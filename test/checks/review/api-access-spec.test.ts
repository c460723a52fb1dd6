// API-server access verdicts from the ARM managed cluster: Entra ID, Azure RBAC, local accounts,
// private cluster / public network access, and authorized IP ranges judged by address math.
import type { ManagedCluster } from '@azure/arm-containerservice';
import { describe, expect, it } from 'vitest';
import {
  apiAccessFactsOf,
  apiAccessFindings,
  isApiPublic,
} from '../../../src/checks/access/api-access.js';

const secured: ManagedCluster = {
  location: 'westeurope',
  aadProfile: { managed: true, enableAzureRbac: true, adminGroupObjectIDs: ['g'] },
  disableLocalAccounts: true,
  apiServerAccessProfile: { authorizedIPRanges: ['203.0.113.0/24'] },
};

const ids = (mc: ManagedCluster) =>
  apiAccessFindings(apiAccessFactsOf(mc), 'aks-one', '-g g -n aks-one').map((f) => f.id);

describe('public endpoint', () => {
  it('public network access Disabled closes the endpoint however ARM cases it', () => {
    for (const publicNetworkAccess of ['Disabled', 'disabled', 'DISABLED']) {
      const mc = { ...secured, apiServerAccessProfile: {}, publicNetworkAccess };
      expect(ids(mc), publicNetworkAccess).toEqual([]);
    }
    expect(ids({ ...secured, apiServerAccessProfile: {}, publicNetworkAccess: 'Enabled' })).toEqual(
      ['access.api-public'],
    );
  });

  it.each([
    [['0.0.0.0/0'], true],
    [[' 0.0.0.0/0 '], true],
    [['::/0'], true],
    [['2000::/3'], true],
    [['::ffff:0.0.0.0/96'], true],
    [['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2', '192.0.0.0/2'], true],
    [['20.0.0.0/7'], true],
    [['not-a-cidr'], true],
    [['203.0.113.0/24', '198.51.100.7'], false],
    [['10.0.0.0/8', '192.168.0.0/16'], false],
    [['2001:db8:1234::/48'], false],
    [['0.0.0.0/32'], false],
  ])('%j public: %s', (authorizedIPRanges, pub) => {
    const f = apiAccessFactsOf({ ...secured, apiServerAccessProfile: { authorizedIPRanges } });
    expect(isApiPublic(f)).toBe(pub);
  });

  it('a private cluster is not public, with or without a public FQDN', () => {
    for (const enablePrivateClusterPublicFqdn of [true, false]) {
      const mc = {
        ...secured,
        apiServerAccessProfile: { enablePrivateCluster: true, enablePrivateClusterPublicFqdn },
      };
      expect(ids(mc)).toEqual([]);
    }
  });
});

describe('sign-in', () => {
  it('absent profiles are not a pass: no Entra ID, public endpoint', () => {
    expect(ids({ location: 'westeurope' })).toEqual(['access.entra-off', 'access.api-public']);
  });

  it('local accounts on and Azure RBAC off are reported once Entra ID is on', () => {
    const mc = {
      ...secured,
      aadProfile: { managed: true },
      disableLocalAccounts: undefined,
    };
    expect(ids(mc)).toEqual(['access.azure-rbac-off', 'access.local-accounts-on']);
  });
});
