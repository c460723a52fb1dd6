// On the SecurityPatch node OS channel a node's image label carries the security patch after the
// base image (AKSUbuntu-…-202410.27.0-2024.12.01): the base is compared first, then the patch, so
// such a node is on its pool's image, and an older base with a patch is still behind.
import { describe, expect, it } from 'vitest';
import { nodeImageFindings } from '../../src/checks/nodeimage/findings.js';
import type { NodeImageFacts } from '../../src/checks/nodeimage/facts.js';
import {
  baseImageOf,
  compareImageVersions,
  imageStatus,
} from '../../src/checks/nodeimage/image-version.js';

const BASE = 'AKSUbuntu-2204gen2containerd-202410.27.0';
const PATCHED = `${BASE}-2024.12.01`;

function facts(node = PATCHED, pool = BASE): NodeImageFacts {
  return {
    cluster: 'aks-one',
    channels: { upgrade: 'none', nodeOS: 'SecurityPatch' },
    kured: { installed: false },
    maintenance: { names: ['aksManagedNodeOSUpgradeSchedule'] },
    now: Date.parse('2024-12-10T12:00:00Z'),
    pools: [
      {
        name: 'apps',
        osType: 'Linux',
        osSKU: 'Ubuntu',
        nodeImageVersion: pool,
        latestNodeImageVersion: pool,
        provisioningState: 'Succeeded',
        count: 1,
        nodes: [{ name: 'aks-apps-1-vmss000000', image: node, rebootInProgress: false }],
      },
    ],
  };
}

describe('a node on its pool base image plus a security patch', () => {
  // learn.microsoft.com/azure/aks/auto-upgrade-node-os-image, FAQ "How do I know if a SecurityPatch
  // or NodeImage upgrade is applied on my node?": the label AKSUbuntu-2204gen2containerd-202410.27.0-
  // 2024.12.01 is the base image AKSUbuntu-2204gen2containerd-202410.27.0 with security patch
  // 2024.12.01 applied: that node is on its pool's image (patched on top), not left behind.
  it('is not reported as a node an upgrade did not reach', () => {
    const behind = nodeImageFindings(facts()).filter((f) => f.id === 'nodeimage.node-behind');
    expect(behind).toEqual([]);
  });

  it('an older base with a newer patch is still behind its pool (the base first)', () => {
    const node = 'AKSUbuntu-2204gen2containerd-202409.30.0-2024.12.01';
    const behind = nodeImageFindings(facts(node)).filter((f) => f.id === 'nodeimage.node-behind');
    expect(behind.map((f) => f.object?.name)).toEqual(['aks-apps-1-vmss000000']);
    expect(behind[0]!.message).toMatch(/older than its pool/);
  });

  it('orders the same base by its patch, and a base without one before it patched', () => {
    expect(compareImageVersions(PATCHED, BASE)).toBeGreaterThan(0);
    expect(compareImageVersions(`${BASE}-2024.11.20`, PATCHED)).toBeLessThan(0);
    expect(compareImageVersions(PATCHED, 'AKSUbuntu-2204gen2containerd-202411.03.0')).toBeLessThan(
      0,
    );
    expect(baseImageOf(PATCHED)).toBe(BASE);
    expect(baseImageOf('AKSWindows-2022-containerd-20348.2700.240911')).toBe(
      'AKSWindows-2022-containerd-20348.2700.240911',
    );
  });

  it('keeps the pool upgrade availability right: a patched pool on the latest base is current', () => {
    expect(imageStatus({ nodeImageVersion: PATCHED, latestNodeImageVersion: BASE })).toBe(
      'current',
    );
    expect(
      imageStatus({
        nodeImageVersion: PATCHED,
        latestNodeImageVersion: 'AKSUbuntu-2204gen2containerd-202411.03.0',
      }),
    ).toBe('behind');
  });
});
