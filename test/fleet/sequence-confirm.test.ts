// Which clusters `fleet sequence --confirm` stands for: never two by one bare name.
import { describe, expect, it } from 'vitest';
import type { SequencedCluster } from '../../src/checks/fleet/sequence.js';
import { confirmedClusters } from '../../src/fleet/sequence-run.js';
import { UserError } from '../../src/model/errors.js';

const cluster = (resourceGroup: string, name: string): SequencedCluster =>
  ({
    env: '',
    row: {
      id: `/subscriptions/s/resourceGroups/${resourceGroup}/clusters/${name}`,
      name,
      resourceGroup,
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
});
