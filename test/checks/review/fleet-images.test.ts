// The fleet sequence judges node images as the node-image step does: by release numbers, and a
// version that was not read is not the latest (a node image upgrade is not verified by it).
import { describe, expect, it } from 'vitest';
import { clusterWork, type ClusterWork } from '../../../src/checks/fleet/cluster-work.js';
import { verifyUpgrade, type ClusterReadBack } from '../../../src/checks/fleet/upgrade-verdict.js';
import type { PoolVersionFacts, VersionFacts } from '../../../src/checks/versions/facts.js';

const OLD = 'AKSUbuntu-2204gen2containerd-202409.09.0';
const NEW = 'AKSUbuntu-2204gen2containerd-202410.1.0';

function pool(name: string, state = 'Succeeded'): PoolVersionFacts {
  return {
    name,
    mode: 'User',
    osType: 'Linux',
    count: 2,
    version: '1.31.8',
    current: '1.31.8',
    upgrades: [],
    provisioningState: state,
    settings: {},
  };
}

const facts = (pools: PoolVersionFacts[]): VersionFacts => ({
  cluster: 'c',
  controlPlane: { version: '1.31.8', current: '1.31.8', upgrades: [] },
  provisioningState: 'Succeeded',
  pools,
  region: [],
  channels: {},
  maintenance: { names: [] },
});

function readBack(image?: string, latestImage?: string): ClusterReadBack {
  return {
    controlPlane: '1.31.8',
    provisioningState: 'Succeeded',
    pools: [
      {
        name: 'apps',
        current: '1.31.8',
        provisioningState: 'Succeeded',
        ...(image ? { image } : {}),
        ...(latestImage ? { latestImage } : {}),
      },
    ],
    nodes: [{ name: 'n1', ready: true, kubelet: 'v1.31.8' }],
  };
}

const verify = (r: ClusterReadBack) =>
  verifyUpgrade(
    { type: 'NodeImageOnly' },
    { controlPlane: false, pools: [], images: ['apps'] },
    r,
    [],
    [],
  );

describe('node image sequence', () => {
  const images = (image: string, latest: string) =>
    clusterWork({ type: 'NodeImageOnly' }, facts([pool('apps'), pool('failed', 'failed')]), [
      { pool: 'apps', image, latest },
      { pool: 'failed', image: latest, latest },
    ]);
  const names = (w: ClusterWork): string[] =>
    w.kind === 'operations'
      ? w.operations.map((o) => (o.kind === 'control-plane' ? '' : o.pool.name))
      : [];

  it('upgrades a pool older by release number, and a failed pool (however cased) again', () => {
    expect(names(images(OLD, NEW))).toEqual(['apps', 'failed']);
  });

  it('leaves a pool newer than a lagging latest alone', () => {
    expect(names(images(NEW, OLD))).toEqual(['failed']);
  });

  it('verifies a pool on or past the latest, by release number', () => {
    expect(verify(readBack(NEW, NEW)).ok).toBe(true);
    expect(verify(readBack('AKSUbuntu-2204gen2containerd-202410.01.0', NEW)).ok).toBe(true);
    expect(verify(readBack(NEW, OLD)).ok).toBe(true);
    expect(verify(readBack(OLD, NEW)).failed).toEqual([`pool apps has ${OLD} (latest ${NEW})`]);
  });

  it('does not verify a pool whose image or latest image was not read back', () => {
    for (const r of [readBack(undefined, NEW), readBack(NEW, undefined), readBack()]) {
      const v = verify(r);
      expect(v.ok).toBe(false);
      expect(v.failed[0]).toMatch(/^pool apps: node image not read back/);
    }
  });
});
