// A one-node user pool with maxSurge 0 (maxUnavailable 1) is upgraded in place: AKS adds no surge
// node and cordons, drains and reimages the pool's only node, so for that time the pool has no
// node at all and whatever runs only there is down (learn.microsoft.com/azure/aks/
// upgrade-aks-node-pools-rolling, "maxUnavailable": nodes are taken out without surge capacity,
// which reduces the pool's capacity). The preflight and the node image question say so before the
// disruptive action, for every pool an upgrade would leave with fewer ready nodes than it has.
import { describe, expect, it } from 'vitest';
import { preflightFindings, type PreflightFacts } from '../../src/checks/versions/preflight.js';
import type { PoolVersionFacts } from '../../src/checks/versions/facts.js';
import type { ImagePool } from '../../src/checks/nodeimage/facts.js';
import { nodeImagePlan } from '../../src/steps/node-image/plan.js';

const settings = { maxSurge: '0', maxUnavailable: '1' };

const pool: PoolVersionFacts = {
  name: 'batch',
  mode: 'User',
  osType: 'Linux',
  count: 1,
  version: '1.31.8',
  current: '1.31.8',
  upgrades: [{ version: '1.32.4', isPreview: false }],
  provisioningState: 'Succeeded',
  settings,
};

const imagePool: ImagePool = {
  name: 'batch',
  osType: 'Linux',
  nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202505.14.0',
  latestNodeImageVersion: 'AKSUbuntu-2204gen2containerd-202506.02.0',
  provisioningState: 'Succeeded',
  count: 1,
  drain: settings,
  nodes: [{ name: 'aks-batch-1-vmss000000', rebootInProgress: false }],
};

describe('a one-node pool upgraded in place (maxSurge 0)', () => {
  it('the upgrade preflight warns that the pool has no node while it is upgraded', () => {
    const found = preflightFindings({
      pools: [pool],
      clusterState: 'Succeeded',
      pdbs: [],
      nodePools: { 'aks-batch-1-vmss000000': 'batch' },
      notReady: [],
      removedApis: [],
    });
    const warned = found.filter(
      (f) =>
        (f.severity === 'medium' || f.severity === 'high') &&
        (f.object?.name === 'batch' || f.message.includes('batch')),
    );
    expect(warned).not.toHaveLength(0);
  });

  it('the node image question says the pool loses all its capacity meanwhile', () => {
    const { lines, change } = nodeImagePlan(imagePool, 'aks-one');
    // "maxUnavailable" is the setting's name, not a warning: a word of its own is needed.
    expect([...lines, change].join('\n')).toMatch(
      /capacity|outage|downtime|nowhere|\bunavailable\b|no node (is )?left|no other node/i,
    );
  });

  it('the node image question uses the strongest words for zero nodes left', () => {
    const { lines } = nodeImagePlan(imagePool, 'aks-one');
    expect(lines.join('\n')).toMatch(/no node is left in the pool until it is back/);
  });
});

describe('capacity an upgrade takes from a pool, by its upgrade settings', () => {
  const preflight = (over: Partial<PoolVersionFacts>): Array<[string, string]> =>
    preflightFindings({
      pools: [{ ...pool, ...over }],
      clusterState: 'Succeeded',
      pdbs: [],
      nodePools: {},
      notReady: [],
      removedApis: [],
    } satisfies PreflightFacts)
      .filter((f) => f.id === 'versions.pool-capacity-loss')
      .map((f) => [f.severity, f.message]);

  it('in place, part of the pool: medium, how many stay ready', () => {
    const [[severity, message]] = preflight({ count: 3 }) as [[string, string]];
    expect(severity).toBe('medium');
    expect(message).toMatch(/1 node of pool batch out at a time: only 2 of 3 nodes are ready/);
  });

  it('percentages round up (34% of 3 is 2 nodes); 100% leaves none: high', () => {
    expect(preflight({ count: 3, settings: { maxSurge: '0', maxUnavailable: '34%' } })).toEqual([
      ['medium', expect.stringMatching(/only 1 of 3 nodes are ready/)],
    ]);
    expect(preflight({ count: 3, settings: { maxSurge: '0', maxUnavailable: '100%' } })).toEqual([
      ['high', expect.stringMatching(/all 3 nodes of pool batch out at once: no node is left/)],
    ]);
  });

  it('surge first (AKS default 10%, or maxSurge 1): no capacity lost, nothing said', () => {
    expect(preflight({ settings: {} })).toEqual([]);
    expect(preflight({ count: 5, settings: { maxSurge: '1' } })).toEqual([]);
    expect(preflight({ count: 0 })).toEqual([]);
  });

  it("both set: AKS's in-place fallback is only a possibility, said in the questions, no finding", () => {
    expect(preflight({ settings: { maxSurge: '1', maxUnavailable: '1' } })).toEqual([]);
    const { lines } = nodeImagePlan(
      { ...imagePool, drain: { maxSurge: '1', maxUnavailable: '1' } },
      'aks-one',
    );
    expect(lines.join('\n')).toMatch(
      /If AKS cannot get a surge node .* no node is left in the pool/,
    );
  });

  it('the node image question of a larger pool says how many nodes stay ready', () => {
    const { lines, change } = nodeImagePlan(
      {
        ...imagePool,
        count: 3,
        drain: { maxSurge: '0', maxUnavailable: '1' },
      },
      'aks-one',
    );
    expect(lines.join('\n')).toMatch(/only 2 of 3 nodes are ready meanwhile/);
    expect(change).toMatch(/only 2 of 3 nodes ready at a time/);
  });
});
