// Azure Linux 2.0 left AKS support: "As of November 30, 2025, Azure Kubernetes Service (AKS) no
// longer supports or provides security updates for Azure Linux 2.0. The Azure Linux 2.0 node image
// is frozen at the 202512.06.0 release. Beginning March 31, 2026, node images will be removed, and
// you'll be unable to scale your node pools" (MicrosoftDocs/azure-aks-docs
// articles/aks/includes/azure-linux-retirement.md, included in the node OS auto-upgrade article;
// Azure/AKS#4988). A pool on that frozen image is "on the latest node image" as the upgrade
// profile reports it, so the node image checks raise nothing: a false pass for nodes that get no
// OS security fix any more, a year on.
import { describe, expect, it } from 'vitest';
import type { NodeImageFacts } from '../../src/checks/nodeimage/facts.js';
import { nodeImageFindings } from '../../src/checks/nodeimage/findings.js';

const FROZEN = 'AKSCBLMariner-V2gen2-202512.06.0';

const facts: NodeImageFacts = {
  cluster: 'aks-one',
  pools: [
    {
      name: 'mariner',
      osType: 'Linux',
      osSKU: 'AzureLinux',
      nodeImageVersion: FROZEN,
      // The upgrade profile offers nothing newer: the image is frozen.
      latestNodeImageVersion: FROZEN,
      provisioningState: 'Succeeded',
      nodes: [{ name: 'aks-mariner-1-vmss000000', image: FROZEN, rebootInProgress: false }],
    },
  ],
  channels: { nodeOS: 'NodeImage' },
  kured: { installed: false },
  maintenance: { names: ['aksManagedNodeOSUpgradeSchedule'] },
  now: Date.UTC(2026, 11, 8),
};

describe('a pool on the frozen Azure Linux 2.0 node image, a year after its retirement', () => {
  it('is a finding (no security updates any more), not a pass', () => {
    const onPool = nodeImageFindings(facts).filter(
      (f) => f.object?.name === 'mariner' || f.message.includes('mariner'),
    );
    expect(onPool.some((f) => f.severity === 'high' || f.severity === 'medium')).toBe(true);
  });
});

describe('node OS retirements', () => {
  const pool = (name: string, image: string, osSKU?: string) => ({
    name,
    osType: image.startsWith('AKSWindows') ? 'Windows' : 'Linux',
    ...(osSKU ? { osSKU } : {}),
    nodeImageVersion: image,
    latestNodeImageVersion: image,
    provisioningState: 'Succeeded',
    nodes: [],
  });
  const retired = (pools: NodeImageFacts['pools'], now = Date.UTC(2026, 11, 8)) =>
    nodeImageFindings({ ...facts, pools, now })
      .filter((f) => f.id === 'nodeimage.os-retired')
      .map((f) => f.object?.name);

  it('names Windows Server 2019 by image or SKU, and never Azure Linux 3 or Windows 2022', () => {
    expect(
      retired([
        pool('w19', 'AKSWindows-2019-containerd-17763.7009.250311'),
        pool('w19sku', 'unknown-image', 'Windows2019'),
        pool('w22', 'AKSWindows-2022-containerd-20348.3328.250311', 'Windows2022'),
        pool('al3', 'AKSAzureLinux-V3gen2-202511.03.0', 'AzureLinux'),
        pool('u22', 'AKSUbuntu-2204gen2containerd-202511.03.0', 'Ubuntu'),
      ]),
    ).toEqual(['w19', 'w19sku']);
  });

  it('says nothing before the retirement day', () => {
    expect(retired([pool('m', FROZEN)], Date.UTC(2025, 10, 29))).toEqual([]);
  });
});
