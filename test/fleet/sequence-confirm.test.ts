// Which clusters `fleet sequence --confirm` stands for: never two by one bare name.
import { describe, expect, it } from 'vitest';
import type { SequencedCluster } from '../../src/checks/fleet/sequence.js';
import { confirmedClusters, unknownConfirms } from '../../src/fleet/sequence-run.js';
import { UserError } from '../../src/model/errors.js';

const cluster = (resourceGroup: string, name: string, subscriptionId = 's'): SequencedCluster =>
  ({
    env: '',
    row: {
      id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${name}`,
      name,
      resourceGroup,
      subscriptionId,
    },
  }) as unknown as SequencedCluster;

const dev = cluster('rg-dev', 'aks');
const prod = cluster('rg-prod', 'aks');
const web = cluster('rg-web', 'web');

describe('confirmedClusters', () => {
  it('takes a unique bare name and GROUP/NAME, case-insensitively', () => {
    expect([...confirmedClusters(['WEB', 'RG-DEV/aks'], [dev, prod, web])]).toEqual([
      web.row.id,
      dev.row.id,
    ]);
  });

  it('refuses a bare name two clusters share, naming both, before anything is sent', () => {
    expect(() => confirmedClusters(['aks'], [dev, prod, web])).toThrow(UserError);
    expect(() => confirmedClusters(['aks'], [dev, prod])).toThrow(/rg-dev\/aks, rg-prod\/aks/);
  });

  it('confirms nothing for a name the sequence does not hold', () => {
    expect(confirmedClusters(['other', 'rg-web/aks'], [dev, prod, web]).size).toBe(0);
  });

  it('refuses GROUP/NAME that two subscriptions share, naming both by id', () => {
    const a = cluster('rg-aks', 'aks-main', 'sub-a');
    const b = cluster('rg-aks', 'aks-main', 'sub-b');
    expect(() => confirmedClusters(['rg-aks/aks-main'], [a, b])).toThrow(UserError);
    expect(() => confirmedClusters(['rg-aks/aks-main'], [a, b])).toThrow(
      /2 clusters .*\/subscriptions\/sub-a\/.*aks-main, \/subscriptions\/sub-b\/.*aks-main\); confirm each by its full resource id/,
    );
  });

  it('takes a full resource id, case-insensitively, as one cluster', () => {
    const a = cluster('rg-aks', 'aks-main', 'sub-a');
    const b = cluster('rg-aks', 'aks-main', 'sub-b');
    const given =
      '/SUBSCRIPTIONS/sub-b/resourcegroups/RG-AKS/providers/microsoft.containerservice/managedClusters/AKS-MAIN';
    expect([...confirmedClusters([given], [a, b])]).toEqual([b.row.id]);
    expect(unknownConfirms([given], [a, b])).toEqual([]);
  });
});
