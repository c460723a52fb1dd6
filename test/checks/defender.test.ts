import { describe, expect, it } from 'vitest';
import type { ManagedCluster } from '@azure/arm-containerservice';
import {
  defenderFactsOf,
  defenderFindings,
  isWorkspaceId,
} from '../../src/checks/defender/defender.js';
import { describeDefenderPlan, planEnableDefender } from '../../src/steps/defender/plan.js';
import { fixtureCluster } from './azure-fixture.js';
import { viewText } from '../../src/steps/contract/view.js';

const AZ = '--subscription sub -g rg -n aks';
const WS =
  '/subscriptions/sub/resourceGroups/rg-mon/providers/Microsoft.OperationalInsights/workspaces/law';

describe('defender checks', () => {
  it('reads a cluster without a security profile as off, with the command', async () => {
    const facts = defenderFactsOf(await fixtureCluster('managed-cluster-bare'));
    expect(facts).toEqual({ enabled: false, workspace: undefined, known: undefined });
    const [finding] = defenderFindings(facts, 'aks-ledger-dev', AZ);
    expect(finding).toMatchObject({ id: 'defender.disabled', severity: 'medium' });
    expect(finding!.message).toMatch(/paid plan/);
    expect(finding!.remediation).toBe(`az aks update ${AZ} --enable-defender`);
  });

  it('reads the hardened cluster as ARM sends it: on, with its workspace', async () => {
    const facts = defenderFactsOf(await fixtureCluster('managed-cluster-profiles'));
    expect(facts.enabled).toBe(true);
    expect(facts.workspace).toMatch(/\/workspaces\/law-payments-defender$/);
    expect(isWorkspaceId(facts.workspace!)).toBe(true);
    expect(defenderFindings(facts, 'aks-payments-prod', AZ)).toEqual([]);
  });

  it('is quiet when monitoring is on', () => {
    const mc: ManagedCluster = {
      location: 'x',
      securityProfile: {
        defender: { securityMonitoring: { enabled: true }, logAnalyticsWorkspaceResourceId: WS },
      },
    };
    expect(defenderFindings(defenderFactsOf(mc), 'aks', AZ)).toEqual([]);
  });

  it('knows the monitoring add-on workspace, whatever the key casing, and names it in the command', () => {
    const mc: ManagedCluster = {
      location: 'x',
      addonProfiles: {
        omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: WS } },
      },
    };
    const facts = defenderFactsOf(mc);
    expect(facts.known).toEqual({ id: WS, from: 'the monitoring add-on (omsagent)' });
    expect(defenderFindings(facts, 'aks', AZ)[0]!.remediation).toBe(
      `echo '{"logAnalyticsWorkspaceResourceId": "${WS}"}' > defender.json && az aks update ${AZ} --enable-defender --defender-config defender.json`,
    );
    const disabledAddon = {
      location: 'x',
      addonProfiles: {
        omsagent: { enabled: false, config: { logAnalyticsWorkspaceResourceID: WS } },
      },
    };
    expect(defenderFactsOf(disabledAddon).known).toBeUndefined();
  });

  it('accepts only workspace resource ids', () => {
    expect(isWorkspaceId(WS)).toBe(true);
    expect(isWorkspaceId('law')).toBe(false);
    expect(isWorkspaceId(`${WS}/extra`)).toBe(false);
  });

  it('plans a GET-modify-PUT that keeps the rest of the cluster and shows only the change', async () => {
    const mc = {
      ...(await fixtureCluster('managed-cluster-bare')),
      securityProfile: { workloadIdentity: { enabled: true } },
    };
    const plan = planEnableDefender(mc, WS);
    expect(plan.eTag).toBe('4d2e9a61-0f3c-4b7a-9e55-2c81f0d6b3a7');
    expect(plan.body.kubernetesVersion).toBe(mc.kubernetesVersion);
    expect(plan.body.securityProfile).toEqual({
      workloadIdentity: { enabled: true },
      defender: { logAnalyticsWorkspaceResourceId: WS, securityMonitoring: { enabled: true } },
    });
    const lines = describeDefenderPlan(plan);
    expect(lines[0]).toBe(`PUT ${mc.id} (If-Match: 4d2e9a61-0f3c-4b7a-9e55-2c81f0d6b3a7)`);
    expect(viewText(lines)).not.toContain('workloadIdentity');
  });
});
