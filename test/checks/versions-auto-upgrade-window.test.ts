// With an auto-upgrade channel set (patch, stable, rapid), AKS upgrades the cluster on its own; only
// the planned maintenance configuration `aksManagedAutoUpgradeSchedule` confines those upgrades to a
// window (learn.microsoft.com/azure/aks/planned-maintenance: "aksManagedAutoUpgradeSchedule:
// controls when to perform cluster upgrades scheduled by your designated auto-upgrade channel";
// the `default` configuration covers AKS's weekly releases, not auto-upgrades). Without it a
// control-plane and pool upgrade (surge, cordon, drain of every node) can start at any hour. The
// node OS channels (NodeImage, SecurityPatch) have their own schedule,
// `aksManagedNodeOSUpgradeSchedule`, judged by the node-image step.
import { describe, expect, it } from 'vitest';
import type { VersionFacts } from '../../src/checks/versions/facts.js';
import { versionFindings } from '../../src/checks/versions/findings.js';
import type { NodeImageFacts } from '../../src/checks/nodeimage/facts.js';
import { nodeImageFindings } from '../../src/checks/nodeimage/findings.js';

function facts(
  maintenance: string[] | VersionFacts['maintenance'],
  upgrade = 'stable',
): VersionFacts {
  return {
    cluster: 'aks-one',
    controlPlane: { version: '1.31.8', current: '1.31.8', upgrades: [] },
    provisioningState: 'Succeeded',
    pools: [
      {
        name: 'sys',
        mode: 'System',
        osType: 'Linux',
        count: 3,
        version: '1.31.8',
        current: '1.31.8',
        upgrades: [],
        provisioningState: 'Succeeded',
        settings: {},
      },
    ],
    region: ['1.30', '1.31', '1.32'].map((minor) => ({
      minor,
      isPreview: false,
      isDefault: false,
      lts: false,
      patches: [`${minor}.1`],
    })),
    channels: { upgrade },
    maintenance: Array.isArray(maintenance) ? { names: maintenance } : maintenance,
  };
}

const windowFinding = (f: VersionFacts) =>
  versionFindings(f).filter((x) => /maintenance/i.test(`${x.message} ${x.remediation ?? ''}`));

describe('auto-upgrade on, no window for it', () => {
  it('no planned maintenance configuration at all: said as a finding', () => {
    expect(windowFinding(facts([]))).not.toHaveLength(0);
  });

  it('only the `default` configuration (weekly releases): auto-upgrades still unconfined', () => {
    expect(windowFinding(facts(['default']))).not.toHaveLength(0);
  });

  it('with aksManagedAutoUpgradeSchedule there is nothing to say (control)', () => {
    expect(windowFinding(facts(['aksManagedAutoUpgradeSchedule']))).toHaveLength(0);
  });

  it('says which channel, which schedule, and how to add it; medium', () => {
    const [f] = windowFinding(facts(['default']));
    expect(f!.id).toBe('versions.no-upgrade-window');
    expect(f!.severity).toBe('medium');
    expect(f!.message).toContain('stable');
    expect(f!.message).toContain('`default` configuration does not apply');
    expect(f!.remediation).toContain(
      'az aks maintenanceconfiguration add -g <resource group> --cluster-name aks-one --name aksManagedAutoUpgradeSchedule',
    );
  });

  it('ARM names compare without case; channel none needs no window', () => {
    expect(windowFinding(facts(['AKSManagedAutoUpgradeSchedule']))).toHaveLength(0);
    // (versions.auto-upgrade-off says a channel should be set, with a window.)
    expect(versionFindings(facts([], 'none')).filter((f) => f.id.includes('window'))).toHaveLength(
      0,
    );
    expect(windowFinding(facts([], 'Patch')).map((f) => f.id)).toEqual([
      'versions.no-upgrade-window',
    ]);
  });

  it('windows that could not be read: not known, never a pass', () => {
    const found = windowFinding(facts({ unreadable: 'ARM refused (403)' }));
    expect(found.map((f) => [f.id, f.severity])).toEqual([
      ['versions.upgrade-window-unknown', 'medium'],
    ]);
    expect(found[0]!.message).toMatch(/not known: ARM refused \(403\)/);
  });
});

describe('node OS channel on, no window for it (node-image step)', () => {
  function imageFacts(
    nodeOS: string | undefined,
    maintenance: NodeImageFacts['maintenance'],
  ): NodeImageFacts {
    return {
      cluster: 'aks-one',
      pools: [],
      channels: nodeOS === undefined ? {} : { nodeOS },
      kured: { installed: true },
      maintenance,
      now: 0,
    };
  }
  const ids = (f: NodeImageFacts) =>
    nodeImageFindings(f)
      .filter((x) => x.id.startsWith('nodeos.') && x.id !== 'nodeos.channel-none')
      .map((x) => x.id);

  it('NodeImage, SecurityPatch and the ARM default (absent: NodeImage) need aksManagedNodeOSUpgradeSchedule', () => {
    for (const channel of ['NodeImage', 'securitypatch', undefined]) {
      expect(ids(imageFacts(channel, { names: [] }))).toEqual(['nodeos.no-window']);
      // The cluster auto-upgrade schedule and `default` do not hold node OS upgrades.
      expect(
        ids(imageFacts(channel, { names: ['default', 'aksManagedAutoUpgradeSchedule'] })),
      ).toEqual(['nodeos.no-window']);
      expect(ids(imageFacts(channel, { names: ['aksManagedNodeOSUpgradeSchedule'] }))).toEqual([]);
      expect(ids(imageFacts(channel, { unreadable: 'timed out' }))).toEqual([
        'nodeos.window-unknown',
      ]);
    }
  });

  it('Unmanaged and None are not AKS upgrades: no window to ask for', () => {
    expect(ids(imageFacts('Unmanaged', { names: [] }))).toEqual([]);
    expect(ids(imageFacts('None', { unreadable: 'timed out' }))).toEqual([]);
  });
});
