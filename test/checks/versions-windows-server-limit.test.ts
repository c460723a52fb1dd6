// AKS runs Windows Server 2019 only up to 1.32 (windows-faq) and Windows Server 2022 up to 1.36
// (release notes 2026-06-19): a target past that is refused, since every pool follows it.
import { describe, expect, it } from 'vitest';
import type { PoolVersionFacts, VersionFacts } from '../../src/checks/versions/facts.js';
import { poolsOsRefuses } from '../../src/checks/versions/os-sku-limits.js';
import { refuseTarget } from '../../src/checks/versions/planner.js';

const pool = (name: string, osSKU?: string): PoolVersionFacts => ({
  name,
  mode: 'User',
  osType: osSKU?.startsWith('Windows') ? 'Windows' : 'Linux',
  ...(osSKU ? { osSKU } : {}),
  count: 2,
  version: '1.32.5',
  current: '1.32.5',
  upgrades: [],
  provisioningState: 'Succeeded',
  settings: {},
});

function facts(pools: PoolVersionFacts[]): VersionFacts {
  return {
    cluster: 'aks-one',
    controlPlane: {
      version: '1.32.5',
      current: '1.32.5',
      upgrades: [{ version: '1.33.1', isPreview: false }],
    },
    provisioningState: 'Succeeded',
    pools,
    region: [
      { minor: '1.32', isPreview: false, isDefault: false, lts: false, patches: ['1.32.5'] },
      { minor: '1.33', isPreview: false, isDefault: true, lts: false, patches: ['1.33.1'] },
    ],
    channels: { upgrade: 'none' },
    maintenance: { names: [] },
  };
}

describe('Windows Server releases and the Kubernetes minors AKS runs them on', () => {
  it('refuses 1.33 with a Windows Server 2019 pool, naming the pool and the way out', () => {
    const refused = refuseTarget(
      facts([pool('system'), pool('win', 'Windows2019')]),
      '1.33.1',
      false,
    );
    expect(refused).toMatch(
      /^1\.33\.1: pool win runs Windows Server 2019, which AKS does not run on 1\.33/,
    );
    expect(refused).toMatch(/az aks nodepool add --os-type Windows/);
  });

  it('takes 1.33 with Windows Server 2022 or an unknown SKU (no guess)', () => {
    expect(refuseTarget(facts([pool('w22', 'Windows2022'), pool('w')]), '1.33.1', false)).toBe(
      undefined,
    );
  });

  it('places each limit at its first refused minor, whatever the SKU case', () => {
    const pools = [pool('a', 'windows2019'), pool('b', 'Windows2022'), pool('c', 'Ubuntu')];
    expect(poolsOsRefuses(pools, '1.32.9')).toEqual([]);
    expect(poolsOsRefuses(pools, '1.36.2').map((p) => p.pool)).toEqual(['a']);
    expect(poolsOsRefuses(pools, '1.37.0')).toEqual([
      { pool: 'a', os: 'Windows Server 2019', firstRefused: '1.33' },
      { pool: 'b', os: 'Windows Server 2022', firstRefused: '1.37' },
    ]);
  });
});
