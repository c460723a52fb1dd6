// Budgets whose spec never allows a disruption: maxUnavailable 0, which AKS refuses before any
// upgrade starts (UnsatisfiablePDB, learn.microsoft.com/troubleshoot/azure/azure-kubernetes/
// error-codes/unsatisfiablepdb-error), whatever pods it selects; and minAvailable 100%, whose
// pods no drain can ever evict (UpgradeFailed once AKS's drain timeout passes).
import { describe, expect, it } from 'vitest';
import { poolBlockers } from '../../src/checks/versions/pool-blockers.js';
import { preflightFindings, type PdbFacts } from '../../src/checks/versions/preflight.js';
import { unsatisfiableBy } from '../../src/checks/versions/unsatisfiable-pdb.js';
import { poolDrainLines, poolsAfterLines } from '../../src/steps/upgrades/drain-truth.js';

const nodePools = { a1: 'apps', s1: 'system' };
const pdb = (extra: Partial<PdbFacts>): PdbFacts => ({
  namespace: 'shop',
  name: 'web',
  disruptionsAllowed: 0,
  workloads: [],
  podNodes: [],
  ...extra,
});
const pools = [
  { name: 'apps', count: 1, settings: {} },
  { name: 'system', count: 1, settings: {} },
];
const findingsOf = (p: PdbFacts) =>
  preflightFindings({
    pools: pools.map((x) => ({
      ...x,
      mode: 'User',
      osType: 'Linux',
      version: '1.31.8',
      current: '1.31.8',
      upgrades: [],
      provisioningState: 'Succeeded',
    })),
    clusterState: 'Succeeded',
    pdbs: [p],
    nodePools,
    notReady: [],
    removedApis: [],
  });

describe('a budget unsatisfiable by its spec', () => {
  it('is told from maxUnavailable 0 (number, string or percent) and minAvailable 100%', () => {
    expect(unsatisfiableBy({ maxUnavailable: 0 })).toBe('max-unavailable-zero');
    expect(unsatisfiableBy({ maxUnavailable: '0%' })).toBe('max-unavailable-zero');
    expect(unsatisfiableBy({ maxUnavailable: '0' })).toBe('max-unavailable-zero');
    expect(unsatisfiableBy({ minAvailable: '100%' })).toBe('min-available-all');
    expect(unsatisfiableBy({ maxUnavailable: 1 })).toBeUndefined();
    expect(unsatisfiableBy({ maxUnavailable: '10%' })).toBeUndefined();
    expect(unsatisfiableBy({ minAvailable: '50%' })).toBeUndefined();
    expect(unsatisfiableBy({ minAvailable: 2 })).toBeUndefined();
    expect(unsatisfiableBy({})).toBeUndefined();
  });

  it('maxUnavailable 0 selecting no pod: high, with what AKS does', () => {
    const [f, ...rest] = findingsOf(pdb({ maxUnavailable: 0 }));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: 'versions.pdb-blocks-drain', severity: 'high' });
    expect(f!.message).toMatch(/shop\/web has maxUnavailable 0: AKS refuses to start an upgrade/);
    expect(f!.message).toMatch(/UnsatisfiablePDB/);
  });

  it('maxUnavailable 0 blocks every pool in the questions, and the control plane names it', () => {
    const p = pdb({ maxUnavailable: 0, podNodes: ['a1'] });
    const system = poolBlockers(pools[1]!, [p], nodePools);
    expect(system).toMatchObject([{ pdb: 'shop/web', verdict: 'blocks', refused: true }]);
    expect(poolDrainLines({}, system).join('\n')).toMatch(
      /shop\/web has maxUnavailable 0: AKS refuses to start the upgrade while it exists/,
    );
    expect(poolsAfterLines([{ pool: 'system', blockers: system }]).join('\n')).toMatch(
      /pool system: PDB shop\/web \(maxUnavailable 0/,
    );
    expect(findingsOf(p)).toHaveLength(1);
  });

  it('minAvailable 100% with a pod on a pool: high, saying scaling does not help', () => {
    const [f, ...rest] = findingsOf(pdb({ minAvailable: '100%', podNodes: ['a1'] }));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: 'versions.pdb-blocks-drain', severity: 'high' });
    expect(f!.message).toMatch(/minAvailable 100%: it never allows a disruption/);
    expect(f!.message).toMatch(/pool apps/);
    // Selecting no pod, no drain meets it, and AKS's pre-check is on maxUnavailable only.
    expect(findingsOf(pdb({ minAvailable: '100%' }))).toEqual([]);
  });
});
