// The one-at-a-time sequence's pure parts: what each cluster needs sent, and whether a cluster
// read back after its upgrade counts as verified.
import { describe, expect, it } from 'vitest';
import { clusterWork } from '../../src/checks/fleet/cluster-work.js';
import {
  newFindingsOf,
  verifyUpgrade,
  type ClusterReadBack,
} from '../../src/checks/fleet/upgrade-verdict.js';
import type { PoolVersionFacts, VersionFacts } from '../../src/checks/versions/facts.js';
import type { Finding } from '../../src/model/finding.js';

function pool(name: string, mode: string, current: string, state = 'Succeeded'): PoolVersionFacts {
  return {
    name,
    mode,
    osType: 'Linux',
    count: 2,
    version: current,
    current,
    upgrades: [],
    provisioningState: state,
    settings: {},
  };
}

function facts(cp: string, pools: PoolVersionFacts[], upgrades: string[]): VersionFacts {
  return {
    cluster: 'c',
    controlPlane: {
      version: cp,
      current: cp,
      upgrades: upgrades.map((version) => ({ version, isPreview: false })),
    },
    provisioningState: 'Succeeded',
    pools,
    region: [
      {
        minor: '1.30',
        isPreview: false,
        isDefault: false,
        lts: false,
        patches: ['1.30.11', '1.30.12'],
      },
      { minor: '1.31', isPreview: false, isDefault: true, lts: false, patches: ['1.31.8'] },
      { minor: '1.32', isPreview: false, isDefault: false, lts: false, patches: ['1.32.4'] },
    ],
    channels: {},
    maintenance: { names: [] },
  };
}

describe('clusterWork', () => {
  const f = facts(
    '1.30.11',
    [pool('apps', 'User', '1.30.11'), pool('system', 'System', '1.30.11')],
    ['1.30.12', '1.31.8'],
  );

  it('control plane first, then pools behind it, system first (Full)', () => {
    const work = clusterWork({ type: 'Full', kubernetesVersion: '1.31.8' }, f, []);
    expect(
      work.kind === 'operations' &&
        work.operations.map((o) =>
          o.kind === 'control-plane' ? 'cp' : o.kind === 'pool' ? o.pool.name : 'img',
        ),
    ).toEqual(['cp', 'system', 'apps']);
  });

  it('control plane only leaves pools; a cluster already there needs nothing; a newer one is left alone', () => {
    const cp = clusterWork({ type: 'ControlPlaneOnly', kubernetesVersion: '1.31.8' }, f, []);
    expect(cp.kind === 'operations' && cp.operations.map((o) => o.kind)).toEqual(['control-plane']);
    const done = facts('1.31.8', [pool('system', 'System', '1.31.8')], []);
    expect(clusterWork({ type: 'Full', kubernetesVersion: '1.31.8' }, done, [])).toEqual({
      kind: 'operations',
      operations: [],
    });
    expect(clusterWork({ type: 'Full', kubernetesVersion: '1.30.12' }, done, [])).toEqual({
      kind: 'operations',
      operations: [],
    });
  });

  it('retries a pool whose last upgrade failed at the same version', () => {
    const failed = facts('1.31.8', [pool('system', 'System', '1.31.8', 'Failed')], []);
    const work = clusterWork({ type: 'Full', kubernetesVersion: '1.31.8' }, failed, []);
    expect(work.kind === 'operations' && work.operations.map((o) => o.kind)).toEqual(['pool']);
  });

  it('refuses a skipped minor or a version not offered, before anything is sent', () => {
    const skip = clusterWork({ type: 'Full', kubernetesVersion: '1.32.4' }, f, []);
    expect(skip.kind === 'refused' && skip.reason).toMatch(/skip 1 minor/);
    const unknown = clusterWork({ type: 'Full', kubernetesVersion: '1.30.13' }, f, []);
    expect(unknown.kind === 'refused' && unknown.reason).toMatch(/not among the upgrades/);
  });

  it('node images: only pools not on the latest', () => {
    const work = clusterWork({ type: 'NodeImageOnly' }, f, [
      { pool: 'apps', image: 'AKSUbuntu-2204-202501.01.0', latest: 'AKSUbuntu-2204-202506.01.0' },
      { pool: 'system', image: 'AKSUbuntu-2204-202506.01.0', latest: 'AKSUbuntu-2204-202506.01.0' },
    ]);
    expect(
      work.kind === 'operations' &&
        work.operations.map((o) => (o.kind === 'image' ? o.pool.name : '?')),
    ).toEqual(['apps']);
  });
});

describe('verifyUpgrade', () => {
  const full = { type: 'Full' as const, kubernetesVersion: '1.31.8' };
  const sent = { controlPlane: true, pools: ['system'], images: [] };
  const good: ClusterReadBack = {
    controlPlane: '1.31.8',
    provisioningState: 'Succeeded',
    pools: [{ name: 'system', current: '1.31.8', provisioningState: 'Succeeded' }],
    nodes: [
      { name: 'n1', ready: true, kubelet: 'v1.31.8' },
      { name: 'n2', ready: true, kubelet: 'v1.31.8' },
    ],
  };

  it('passes a cluster read back on the target, Succeeded, every node Ready, no new findings', () => {
    const v = verifyUpgrade(full, sent, good, [], []);
    expect(v.ok).toBe(true);
    expect(v.passed).toContain('2/2 nodes Ready');
  });

  it('reads Succeeded in any case (ARM enum values are case-insensitive)', () => {
    const lower: ClusterReadBack = {
      ...good,
      provisioningState: 'succeeded',
      pools: [{ name: 'system', current: '1.31.8', provisioningState: 'SUCCEEDED' }],
    };
    expect(verifyUpgrade(full, sent, lower, [], []).ok).toBe(true);
  });

  it.each<[string, Partial<ClusterReadBack>, RegExp]>([
    [
      'control plane behind',
      { controlPlane: '1.30.12' },
      /control plane runs 1\.30\.12, not 1\.31\.8/,
    ],
    [
      'pool behind',
      { pools: [{ name: 'system', current: '1.30.12', provisioningState: 'Succeeded' }] },
      /pool system runs 1\.30\.12/,
    ],
    [
      'pool failed',
      { pools: [{ name: 'system', current: '1.31.8', provisioningState: 'Failed' }] },
      /not Succeeded: pool system Failed/,
    ],
    [
      'node not Ready',
      { nodes: [{ name: 'n1', ready: false, kubelet: 'v1.31.8' }] },
      /1 of 1 nodes not Ready: n1/,
    ],
    [
      'old kubelet',
      { nodes: [{ name: 'n1', ready: true, kubelet: 'v1.30.12' }] },
      /older kubelet: n1/,
    ],
  ])('fails when the %s', (_what, change, message) => {
    const v = verifyUpgrade(full, sent, { ...good, ...change }, [], []);
    expect(v.ok).toBe(false);
    expect(v.failed.join('; ')).toMatch(message);
  });

  it('a version newer than the target passes where nothing was sent, not where it was', () => {
    const newer = { ...good, controlPlane: '1.32.4' };
    expect(
      verifyUpgrade(full, { controlPlane: false, pools: [], images: [] }, newer, [], []).failed,
    ).not.toContainEqual(expect.stringMatching(/control plane/));
    expect(verifyUpgrade(full, sent, newer, [], []).failed).toContainEqual(
      expect.stringMatching(/control plane runs 1\.32\.4/),
    );
  });

  it('counts new findings by id and object, leaving out findings about the next upgrade', () => {
    const pdb: Finding = {
      id: 'versions.pdb-blocks-drain',
      severity: 'high',
      object: { kind: 'PodDisruptionBudget', namespace: 'data', name: 'ledger' },
      message: 'blocks',
    };
    const next: Finding = {
      id: 'versions.upgrade-available',
      severity: 'low',
      message: '1.32 is out',
    };
    const skew: Finding = { id: 'versions.pool-skew', severity: 'medium', message: 'pool behind' };
    expect(newFindingsOf([], [pdb, next], full)).toEqual([pdb]);
    expect(newFindingsOf([{ ...pdb, message: 'other words' }], [pdb], full)).toEqual([]);
    expect(
      newFindingsOf([], [skew], { type: 'ControlPlaneOnly', kubernetesVersion: '1.31.8' }),
    ).toEqual([]);
    expect(newFindingsOf([], [skew], full)).toEqual([skew]);
    expect(verifyUpgrade(full, sent, good, [], [pdb]).failed).toEqual([
      expect.stringMatching(/new findings: versions\.pdb-blocks-drain/),
    ]);
  });

  it('node images: a pool not on the latest fails', () => {
    const v = verifyUpgrade(
      { type: 'NodeImageOnly' },
      { controlPlane: false, pools: [], images: ['system'] },
      {
        ...good,
        pools: [
          {
            name: 'system',
            current: '1.31.8',
            provisioningState: 'Succeeded',
            image: 'a',
            latestImage: 'b',
          },
        ],
      },
      [],
      [],
    );
    expect(v.failed).toEqual(['pool system has a (latest b)']);
  });
});
