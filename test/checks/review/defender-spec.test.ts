// Defender verdicts and the PUT that enables it, from the ARM schema: Defender is on only when
// `securityProfile.defender.securityMonitoring.enabled` is true; enabling it requires
// `logAnalyticsWorkspaceResourceId`; the GET-modify-PUT changes only `securityProfile.defender`.
import type { ManagedCluster } from '@azure/arm-containerservice';
import { describe, expect, it } from 'vitest';
import { defenderFactsOf, defenderFindings } from '../../../src/checks/defender/defender.js';
import { planEnableDefender, WORKSPACE_NEEDED } from '../../../src/steps/defender/plan.js';

const WS =
  '/subscriptions/s/resourceGroups/rg-mon/providers/Microsoft.OperationalInsights/workspaces/law';

const read: ManagedCluster = {
  location: 'westeurope',
  tags: { team: 'shop' },
  sku: { name: 'Base', tier: 'Standard' },
  identity: { type: 'SystemAssigned' },
  servicePrincipalProfile: { clientId: 'msi' },
  kubernetesVersion: '1.31.8',
  dnsPrefix: 'shop',
  agentPoolProfiles: [
    {
      name: 'sys',
      count: 3,
      mode: 'System',
      orchestratorVersion: '1.31.8',
      nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202410.09.0',
      upgradeSettings: { maxSurge: '33%' },
    },
  ],
  autoUpgradeProfile: { upgradeChannel: 'patch', nodeOSUpgradeChannel: 'NodeImage' },
  apiServerAccessProfile: { authorizedIPRanges: ['203.0.113.0/24'] },
  securityProfile: {
    workloadIdentity: { enabled: true },
    defender: {
      logAnalyticsWorkspaceResourceId: '',
      securityMonitoring: { enabled: false },
      securityGating: { enabled: true },
    },
  },
  eTag: 'etag-1',
};

describe('the PUT that enables Defender', () => {
  it('sends the cluster as read, with only the Defender profile changed, guarded by its eTag', () => {
    const plan = planEnableDefender(read, WS);
    expect(plan.eTag).toBe('etag-1');
    expect(plan.workspace).toBe(WS);
    const { securityProfile: sent, ...rest } = plan.body;
    // The service principal profile comes back from a GET without its secret: not sent (as az).
    const { securityProfile: was, servicePrincipalProfile: _sp, ...readRest } = read;
    expect(rest).toEqual(readRest);
    expect('servicePrincipalProfile' in plan.body).toBe(false);
    expect(sent).toEqual({
      workloadIdentity: was!.workloadIdentity,
      defender: {
        logAnalyticsWorkspaceResourceId: WS,
        securityMonitoring: { enabled: true },
        securityGating: { enabled: true },
      },
    });
    // The cluster as read is not modified in place (a retry plans from the same read).
    expect(read.securityProfile?.defender?.securityMonitoring?.enabled).toBe(false);
  });

  it('always carries the workspace ARM requires', () => {
    const bare: ManagedCluster = { location: 'westeurope' };
    expect(planEnableDefender(bare, WS).body.securityProfile?.defender).toEqual({
      logAnalyticsWorkspaceResourceId: WS,
      securityMonitoring: { enabled: true },
    });
    expect(WORKSPACE_NEEDED).toMatch(/ARM requires one/);
  });
});

describe('Defender verdicts', () => {
  it.each([
    ['absent profile', {}],
    [
      'workspace without monitoring',
      { securityProfile: { defender: { logAnalyticsWorkspaceResourceId: WS } } },
    ],
    [
      'monitoring off',
      { securityProfile: { defender: { securityMonitoring: { enabled: false } } } },
    ],
    ['monitoring unset', { securityProfile: { defender: { securityMonitoring: {} } } }],
  ])('%s: off', (_what, over) => {
    const facts = defenderFactsOf({ location: 'x', ...over });
    expect(facts.enabled).toBe(false);
    expect(defenderFindings(facts, 'aks', '-g g -n aks').map((f) => f.id)).toEqual([
      'defender.disabled',
    ]);
  });

  it('on with its workspace: no finding', () => {
    const mc: ManagedCluster = {
      location: 'x',
      securityProfile: {
        defender: { logAnalyticsWorkspaceResourceId: WS, securityMonitoring: { enabled: true } },
      },
    };
    expect(defenderFindings(defenderFactsOf(mc), 'aks', '-g g -n aks')).toEqual([]);
  });
});
