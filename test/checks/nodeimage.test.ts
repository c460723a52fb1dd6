// Node image and node OS checks with hand-written facts.
import { describe, expect, it } from 'vitest';
import { nodeOsChannelAdvice, upgradeChannelAdvice } from '../../src/checks/nodeimage/channels.js';
import type { NodeImageFacts } from '../../src/checks/nodeimage/facts.js';
import { nodeImageFindings } from '../../src/checks/nodeimage/findings.js';
import { imageAgeDays, imageDate } from '../../src/checks/nodeimage/image-age.js';

const now = Date.UTC(2025, 6, 1);
function facts(over: Partial<NodeImageFacts> = {}): NodeImageFacts {
  return {
    cluster: 'aks-one',
    pools: [
      {
        name: 'sys',
        osType: 'Linux',
        nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202505.14.0',
        latestNodeImageVersion: 'AKSUbuntu-2204gen2containerd-202506.10.0',
        provisioningState: 'Succeeded',
        nodes: [{ name: 'n1', rebootInProgress: false }],
      },
      {
        name: 'win',
        osType: 'Windows',
        nodeImageVersion: 'AKSWindows-2022-containerd-20348.3561.250513',
        latestNodeImageVersion: 'AKSWindows-2022-containerd-20348.3692.250610',
        provisioningState: 'Succeeded',
        nodes: [],
      },
    ],
    channels: { nodeOS: 'NodeImage' },
    kured: { installed: false },
    now,
    ...over,
  };
}

describe('node image checks', () => {
  it('reads build dates from Linux, Windows and old-style versions', () => {
    expect(imageDate('AKSUbuntu-2204gen2containerd-202505.14.0')?.toISOString()).toBe(
      '2025-05-14T00:00:00.000Z',
    );
    expect(imageDate('AKSWindows-2022-containerd-20348.3561.250513')?.toISOString()).toBe(
      '2025-05-13T00:00:00.000Z',
    );
    expect(imageDate('AKSUbuntu:1604:2020.03.11')?.toISOString()).toBe('2020-03-11T00:00:00.000Z');
    expect(imageDate('custom')).toBeUndefined();
    expect(imageAgeDays('AKSUbuntu-2204gen2containerd-202505.14.0', now)).toBe(48);
  });

  it('flags outdated pools, Windows apart and more urgent', () => {
    const found = nodeImageFindings(facts());
    expect(found.map((f) => [f.id, f.severity])).toEqual([
      ['nodeimage.outdated', 'medium'],
      ['nodeimage.windows-outdated', 'high'],
    ]);
    expect(found[0]!.message).toContain('built 48 days ago');
  });

  it('flags channel None, and Unmanaged without kured', () => {
    expect(nodeImageFindings(facts({ channels: { nodeOS: 'None' } })).map((f) => f.id)).toContain(
      'nodeos.channel-none',
    );
    const unmanaged = nodeImageFindings(facts({ channels: { nodeOS: 'Unmanaged' } }));
    expect(unmanaged.map((f) => f.id)).toContain('reboot.kured-missing');
    const withKured = nodeImageFindings(
      facts({ channels: { nodeOS: 'Unmanaged' }, kured: { installed: true } }),
    );
    expect(withKured.map((f) => f.id)).not.toContain('reboot.kured-missing');
    // On Windows, Unmanaged is None (no nightly updates to leave unmanaged).
    expect(withKured.filter((f) => f.id === 'nodeos.channel-none')).toHaveLength(1);
    const linuxOnly = facts({
      channels: { nodeOS: 'Unmanaged' },
      kured: { installed: true },
      pools: [facts().pools[0]!],
    });
    expect(nodeImageFindings(linuxOnly).map((f) => f.id)).not.toContain('nodeos.channel-none');
  });

  it('suggests SecurityPatch only when every pool supports it (not Windows, Flatcar, OS Guard, Azure Linux GPU)', () => {
    // AKS node OS auto-upgrade article: SecurityPatch isn't supported on Windows node pools.
    const linuxPool = facts().pools[0]!;
    const none = nodeImageFindings(facts({ channels: { nodeOS: 'None' } }));
    const withWindows = none.find((f) => f.id === 'nodeos.channel-none')!;
    expect(withWindows.remediation).toMatch(/--node-os-upgrade-channel NodeImage,/);
    expect(withWindows.remediation).toContain(
      'SecurityPatch is not supported on pool win (Windows)',
    );
    const outdated = none.filter((f) => f.id.endsWith('outdated'));
    for (const f of outdated) expect(f.remediation).not.toContain('SecurityPatch');
    const unmanaged = nodeImageFindings(facts({ channels: { nodeOS: 'Unmanaged' } }));
    for (const f of unmanaged) expect(f.remediation).not.toMatch(/switch .* to SecurityPatch/);
    expect(unmanaged.find((f) => f.id === 'nodeos.channel-none')!.remediation).toMatch(
      /--node-os-upgrade-channel NodeImage,/,
    );
    // Linux only: both remain on offer.
    const linux = nodeImageFindings(facts({ channels: { nodeOS: 'None' }, pools: [linuxPool] }));
    expect(linux.find((f) => f.id === 'nodeos.channel-none')!.remediation).toContain(
      'SecurityPatch (or NodeImage)',
    );
    // Flatcar and Azure Linux with OS Guard rule it out as well.
    for (const osSKU of ['Flatcar', 'AzureLinuxOSGuard']) {
      const f = nodeImageFindings(
        facts({ channels: { nodeOS: 'None' }, pools: [{ ...linuxPool, osSKU }] }),
      ).find((x) => x.id === 'nodeos.channel-none')!;
      expect(f.remediation).toMatch(/--node-os-upgrade-channel NodeImage,/);
    }
    // Azure Linux on a GPU VM size as well; Azure Linux on a CPU size and Ubuntu on GPU keep it.
    const gpu = { ...linuxPool, osSKU: 'AzureLinux', vmSize: 'Standard_NC4as_T4_v3' };
    const onGpu = nodeImageFindings(facts({ channels: { nodeOS: 'None' }, pools: [gpu] })).find(
      (x) => x.id === 'nodeos.channel-none',
    )!;
    expect(onGpu.remediation).toMatch(/--node-os-upgrade-channel NodeImage,/);
    expect(onGpu.remediation).toContain('Azure Linux on GPU VM Standard_NC4as_T4_v3');
    expect(nodeOsChannelAdvice('SecurityPatch', [gpu])).toMatch(/not supported on pool/);
    for (const pool of [
      { ...gpu, vmSize: 'Standard_D4ds_v5' },
      { ...gpu, osSKU: 'Ubuntu' },
      { ...gpu, osSKU: 'AzureLinux3', vmSize: 'Standard_E8s_v5' },
    ])
      expect(nodeOsChannelAdvice('None', [pool]), JSON.stringify(pool)).toMatch(
        /SecurityPatch or NodeImage/,
      );
    for (const vmSize of [
      'Standard_ND96asr_v4',
      'standard_nv12ads_a10_v5',
      'Standard_NG8ads_V620_v1',
    ])
      expect(nodeOsChannelAdvice('None', [{ ...gpu, osSKU: 'AzureLinux3', vmSize }])).toMatch(
        /Choose NodeImage \(SecurityPatch/,
      );
    // Unmanaged patches Ubuntu and Azure Linux CPU pools nightly, not Azure Linux GPU pools.
    expect(nodeOsChannelAdvice('Unmanaged', [gpu])).toContain(
      `nor do Azure Linux GPU pools (${gpu.name})`,
    );
    expect(nodeOsChannelAdvice('Unmanaged', [linuxPool])).not.toContain('GPU');
    // A VirtualMachines pool may have no vmSize: its scale profile sizes or node labels say GPU.
    const vmPool = { ...linuxPool, name: 'vmgpu', osSKU: 'AzureLinux' };
    for (const known of [
      { vmSizes: ['Standard_D4ds_v5', 'Standard_NC24ads_A100_v4'] },
      { accelerator: 'nvidia' },
    ]) {
      const pool = { ...vmPool, ...known };
      expect(nodeOsChannelAdvice('Unmanaged', [pool]), JSON.stringify(known)).toContain(
        'nor do Azure Linux GPU pools (vmgpu)',
      );
      expect(nodeOsChannelAdvice('SecurityPatch', [pool])).toMatch(
        /not supported on pool vmgpu \(Azure Linux on (GPU VM Standard_NC24ads_A100_v4|nodes labelled kubernetes\.azure\.com\/accelerator=nvidia)\)/,
      );
    }
    expect(
      nodeOsChannelAdvice('Unmanaged', [{ ...vmPool, vmSizes: ['Standard_D4ds_v5'] }]),
    ).not.toContain('GPU');
    // The findings agree: Azure Linux GPU pools under Unmanaged are as unpatched as Windows.
    const gpuUnmanaged = (kured: boolean, pools: NodeImageFacts['pools'] = [gpu]) =>
      nodeImageFindings(
        facts({ channels: { nodeOS: 'Unmanaged' }, kured: { installed: kured }, pools }),
      );
    for (const kured of [true, false]) {
      const found = gpuUnmanaged(kured);
      const none = found.find((x) => x.id === 'nodeos.channel-none')!;
      expect(none.message).toContain(`Azure Linux GPU pools (${gpu.name})`);
      expect(none.remediation).toMatch(/--node-os-upgrade-channel NodeImage,/);
      // kured cannot help a pool that installs no nightly updates.
      expect(found.map((x) => x.id)).not.toContain('reboot.kured-missing');
    }
    const mixed = gpuUnmanaged(false, [{ ...linuxPool, name: 'cpu' }, gpu]);
    expect(mixed.map((x) => x.id)).toEqual(
      expect.arrayContaining(['nodeos.channel-none', 'reboot.kured-missing']),
    );
    expect(mixed.find((x) => x.id === 'nodeos.channel-none')!.message).not.toContain('cpu');
    expect(mixed.find((x) => x.id === 'reboot.kured-missing')!.message).toContain(
      'Ubuntu and Azure Linux CPU nodes install',
    );
    expect(nodeOsChannelAdvice('None', facts().pools)).toMatch(/Choose NodeImage \(SecurityPatch/);
    expect(nodeOsChannelAdvice('SecurityPatch', facts().pools)).toMatch(
      /not supported on pool win/,
    );
    expect(nodeOsChannelAdvice('None', [linuxPool])).toMatch(/SecurityPatch or NodeImage/);
  });

  it('lists nodes kured marked for a reboot, and who holds the lock', () => {
    const f = facts({ kured: { installed: true, lockHolder: 'n1' } });
    f.pools[0]!.nodes = [
      { name: 'n1', rebootNeededSince: '2025-06-11T02:14:09Z', rebootInProgress: true },
    ];
    const reboot = nodeImageFindings(f).filter((x) => x.id === 'reboot.required');
    expect(reboot).toHaveLength(1);
    expect(reboot[0]!.message).toContain('kured holds its reboot lock');
    expect(reboot[0]!.remediation).toContain('az vmss restart --instance-ids');
  });

  it('advises on every channel value', () => {
    for (const [value, words] of [
      ['None', /nothing patches/],
      ['Unmanaged', /never reboot/],
      ['SecurityPatch', /security patches/],
      ['NodeImage', /weekly node image/],
      [undefined, /^NodeImage/],
      ['Odd', /not a channel/],
    ] as const)
      expect(nodeOsChannelAdvice(value)).toMatch(words);
    for (const [value, words] of [
      ['none', /only when you upgrade/],
      ['patch', /newest patch/],
      ['stable', /minus one/],
      ['rapid', /risky/],
      ['node-image', /legacy/],
    ] as const)
      expect(upgradeChannelAdvice(value)).toMatch(words);
  });
});
