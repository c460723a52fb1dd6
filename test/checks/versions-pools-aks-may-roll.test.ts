// upgrade-aks-control-plane FAQ: AKS may roll node pools with a control-plane upgrade "when a
// previous node upgrade failed or left nodes on mixed versions".
import { describe, expect, it } from 'vitest';
import { poolsAksMayRoll } from '../../src/checks/versions/pools-aks-may-roll.js';
import type { PoolVersionFacts } from '../../src/checks/versions/facts.js';

const pool = (name: string, over: Partial<PoolVersionFacts> = {}): PoolVersionFacts => ({
  name,
  mode: 'User',
  osType: 'Linux',
  count: 2,
  version: '1.31.8',
  current: '1.31.8',
  upgrades: [],
  provisioningState: 'Succeeded',
  settings: {},
  ...over,
});

describe('pools AKS may roll with a control-plane upgrade', () => {
  it('names Failed pools and pools on mixed versions, not healthy ones', () => {
    expect(
      poolsAksMayRoll([
        pool('ok'),
        pool('failed', { provisioningState: 'failed' }),
        pool('mixed', { version: '1.32.5' }),
      ]),
    ).toEqual(['failed', 'mixed']);
  });
});
