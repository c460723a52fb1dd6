// Node image verdicts built from the AKS agent pool upgrade profile: a pool is behind when its
// `nodeImageVersion` is older than the profile's `latestNodeImageVersion`; a version missing on
// either side is not known, never "up to date". Versions are ordered by their release numbers.
import { describe, expect, it } from 'vitest';
import type { ImagePool, NodeImageFacts } from '../../../src/checks/nodeimage/facts.js';
import { nodeImageFindings } from '../../../src/checks/nodeimage/findings.js';
import { compareImageVersions, imageStatus } from '../../../src/checks/nodeimage/image-version.js';
import { imageDate } from '../../../src/checks/nodeimage/image-age.js';

const now = Date.UTC(2024, 10, 1);

function pool(over: Partial<ImagePool>): ImagePool {
  return { name: 'p1', osType: 'Linux', provisioningState: 'Succeeded', nodes: [], ...over };
}

function facts(pools: ImagePool[], nodeOS?: string): NodeImageFacts {
  return {
    cluster: 'aks-one',
    pools,
    channels: nodeOS === undefined ? {} : { nodeOS },
    kured: { installed: true },
    now,
  };
}

const ids = (f: NodeImageFacts) => nodeImageFindings(f).map((x) => x.id);

describe('node image versions are ordered as release numbers, not text', () => {
  it.each([
    ['AKSUbuntu-2204gen2containerd-202409.09.0', 'AKSUbuntu-2204gen2containerd-202410.1.0', -1],
    ['AKSUbuntu-2204gen2containerd-202410.1.0', 'AKSUbuntu-2204gen2containerd-202409.09.0', 1],
    ['AKSUbuntu-2204gen2containerd-202409.9.0', 'AKSUbuntu-2204gen2containerd-202409.09.0', 0],
    ['AKSUbuntu-2204gen2containerd-202409.09.0', 'AKSUbuntu-2204gen2containerd-202409.09.1', -1],
    [
      'AKSWindows-2022-containerd-20348.2700.240911',
      'AKSWindows-2022-containerd-20348.10.241009',
      1,
    ],
    [
      'AKSWindows-2022-containerd-20348.999.240911',
      'AKSWindows-2022-containerd-20348.2762.241009',
      -1,
    ],
    ['AKSAzureLinux-V2gen2-202409.23.0', 'AKSAzureLinux-V2gen2-202410.09.0', -1],
    ['AKSUbuntu:1604:2020.03.11', 'AKSUbuntu:1604:2020.10.01', -1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareImageVersions(a, b)!)).toBe(sign);
  });

  it('tells no order between different images or odd strings', () => {
    expect(
      compareImageVersions(
        'AKSUbuntu-2204gen2containerd-202409.09.0',
        'AKSUbuntu-2404gen2containerd-202409.09.0',
      ),
    ).toBeUndefined();
    expect(compareImageVersions('custom', 'AKSUbuntu-2204gen2containerd-1.0')).toBeUndefined();
  });

  it('reads a one-digit day as a build date', () => {
    expect(imageDate('AKSUbuntu-2204gen2containerd-202410.1.0')?.toISOString()).toBe(
      '2024-10-01T00:00:00.000Z',
    );
  });
});

describe('node image verdicts', () => {
  it('flags a pool whose image is older, also where text order says newer', () => {
    const p = pool({
      nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202409.09.0',
      latestNodeImageVersion: 'AKSUbuntu-2204gen2containerd-202410.1.0',
    });
    expect(imageStatus(p)).toBe('behind');
    expect(ids(facts([p]))).toEqual(['nodeimage.outdated']);
  });

  it('does not flag a pool newer than the latest the profile reports (it lags releases)', () => {
    const p = pool({
      nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202410.1.0',
      latestNodeImageVersion: 'AKSUbuntu-2204gen2containerd-202409.09.0',
    });
    expect(imageStatus(p)).toBe('current');
    expect(ids(facts([p]))).toEqual([]);
  });

  it('takes the same release written with or without a leading zero as current', () => {
    const p = pool({
      nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202409.9.0',
      latestNodeImageVersion: 'AKSUbuntu-2204gen2containerd-202409.09.0',
    });
    expect(ids(facts([p]))).toEqual([]);
  });

  it('flags a pool on another image than the latest (AKS offers the upgrade when they differ)', () => {
    const p = pool({
      nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202410.09.0',
      latestNodeImageVersion: 'AKSUbuntu-2404gen2containerd-202410.09.0',
    });
    expect(ids(facts([p]))).toEqual(['nodeimage.outdated']);
  });

  it('never passes a pool whose image or latest image was not reported', () => {
    for (const over of [
      { latestNodeImageVersion: 'AKSUbuntu-2204gen2containerd-202410.09.0' },
      { nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202410.09.0' },
      {},
      { nodeImageVersion: ' ', latestNodeImageVersion: '' },
    ]) {
      const p = pool(over);
      expect(imageStatus(p), JSON.stringify(over)).toBe('unknown');
      const found = nodeImageFindings(facts([p]));
      expect(found.map((f) => [f.id, f.object?.name])).toEqual([['nodeimage.unknown', 'p1']]);
    }
  });

  it('knows a Windows pool however ARM cases its osType', () => {
    const p = pool({
      osType: 'windows',
      nodeImageVersion: 'AKSWindows-2022-containerd-20348.2700.240911',
      latestNodeImageVersion: 'AKSWindows-2022-containerd-20348.2762.241009',
    });
    expect(ids(facts([p]))).toEqual(['nodeimage.windows-outdated']);
  });
});

describe('node OS channel values are read without regard to case', () => {
  const linux = pool({
    nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202410.09.0',
    latestNodeImageVersion: 'AKSUbuntu-2204gen2containerd-202410.09.0',
  });
  it.each(['None', 'none', 'NONE', ' none '])('%j is None', (channel) => {
    expect(ids(facts([linux], channel))).toEqual(['nodeos.channel-none']);
  });
  it('Unmanaged without kured, however cased, needs reboots handled', () => {
    const f = { ...facts([linux], 'unmanaged'), kured: { installed: false } };
    expect(ids(f)).toEqual(['reboot.kured-missing']);
  });
  it('absent or empty is NodeImage, the ARM default', () => {
    expect(ids(facts([linux]))).toEqual([]);
    expect(ids(facts([linux], ''))).toEqual([]);
  });
});
