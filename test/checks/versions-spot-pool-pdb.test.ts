// AKS does not drain a Spot pool in an upgrade: "When upgrading Spot node pools, AKS internally
// issues a cordon and an eviction notice, but no drain is applied" (learn.microsoft.com/azure/aks/
// spot-node-pool, "Upgrade a Spot node pool"). The pool's confirmation knows it (no blockers for a
// Spot pool: pool-blockers.ts), yet the preflight finding says a budget allowing 0 disruptions whose
// pods run only on the Spot pool makes "AKS cannot drain its nodes in pool spot and the upgrade will
// fail with UpgradeFailed" (high): a verdict on a drain AKS never does, contradicting the question.
import { describe, expect, it } from 'vitest';
import { poolBlockers } from '../../src/checks/versions/pool-blockers.js';
import { preflightFindings, type PdbFacts } from '../../src/checks/versions/preflight.js';

const spot = { name: 'spot', count: 2, settings: { scaleSetPriority: 'Spot' } };
const budget: PdbFacts = {
  namespace: 'batch',
  name: 'workers',
  disruptionsAllowed: 0,
  workloads: ['Deployment/workers'],
  podNodes: ['s1', 's2'],
  minAvailable: 2,
};
const nodePools = { s1: 'spot', s2: 'spot' };

describe('a budget allowing 0 disruptions whose pods run only on a Spot pool', () => {
  it('draws no "AKS cannot drain its nodes ... UpgradeFailed" verdict, as the pool question draws no blocker', () => {
    // The pool's own question: nothing holds it (Spot pools are not drained).
    expect(poolBlockers(spot, [budget], nodePools)).toEqual([]);
    const findings = preflightFindings({
      pools: [
        {
          ...spot,
          mode: 'User',
          osType: 'Linux',
          version: '1.31.8',
          current: '1.31.8',
          upgrades: [],
          provisioningState: 'Succeeded',
        },
      ],
      clusterState: 'Succeeded',
      pdbs: [budget],
      nodePools,
      notReady: [],
      removedApis: [],
    });
    expect(findings.filter((f) => f.id === 'versions.pdb-blocks-drain')).toEqual([]);
  });
});

describe('a budget allowing 0 disruptions across a Spot pool and a regular pool', () => {
  it('names only the regular pool', () => {
    const pool = (name: string, settings: Record<string, unknown>) => ({
      name,
      count: 2,
      settings,
      mode: 'User',
      osType: 'Linux',
      version: '1.31.8',
      current: '1.31.8',
      upgrades: [],
      provisioningState: 'Succeeded',
    });
    const findings = preflightFindings({
      pools: [pool('spot', { scaleSetPriority: 'Spot' }), pool('apps', {})],
      clusterState: 'Succeeded',
      pdbs: [{ ...budget, podNodes: ['s1', 'a1'] }],
      nodePools: { s1: 'spot', a1: 'apps' },
      notReady: [],
      removedApis: [],
    });
    const blocks = findings.filter((f) => f.id === 'versions.pdb-blocks-drain');
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.message).toMatch(/in pool apps and/);
  });
});
