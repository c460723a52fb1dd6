// Every ARM response the tool reads has the keys and value types of the official example.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  extraKeys,
  fixtureBody,
  rawArm,
  shapeDiff,
  startArm,
  type ArmHarness,
} from './arm-helpers.js';

let h: ArmHarness;
let mc: string;
const v = '?api-version=2026-06-01';

beforeAll(async () => {
  h = await startArm('minimal');
  const c = h.aks.coordinates;
  mc = `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${c.name}`;
});
afterAll(() => h.close());

// Optional properties the example shows but a cluster without those features does not return.
const CLUSTER_ABSENT_OK = ['properties.diskEncryptionSetID', 'properties.upgradeSettings'];

describe('ARM wire shapes match the official examples', () => {
  it('ManagedClusters_Get', async () => {
    const r = await rawArm(h, 'GET', `${mc}${v}`);
    expect(r.status).toBe(200);
    const fixture = fixtureBody('ManagedClustersGet', '200');
    expect(shapeDiff(fixture, r.body, CLUSTER_ABSENT_OK)).toEqual([]);
    // Extras are the checklist's properties (§4 of the reference) and common ARM envelope fields.
    const allowed =
      /^(identity|sku|properties\.(aadProfile|apiServerAccessProfile|autoUpgradeProfile|securityProfile|disableLocalAccounts|powerState|supportPlan|status)|properties\.agentPoolProfiles\[\]\.(mode|osSKU|type|powerState|enableAutoScaling|enableNodePublicIP|osDiskSizeGB|nodeLabels|nodeTaints|status)|properties\.networkProfile\.(networkPolicy|networkPluginMode|networkDataplane)|properties\.upgradeSettings)/;
    expect(extraKeys(fixture, r.body).filter((k) => !allowed.test(k))).toEqual([]);
  });

  it('ManagedClusters_List (subscription and resource group)', async () => {
    const c = h.aks.coordinates;
    for (const path of [
      `/subscriptions/${c.subscriptionId}/providers/Microsoft.ContainerService/managedClusters${v}`,
      `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.ContainerService/managedClusters${v}`,
    ]) {
      const r = await rawArm(h, 'GET', path);
      expect(r.status).toBe(200);
      const value = (r.body as { value: unknown[] }).value;
      expect(value).toHaveLength(1);
      expect(
        shapeDiff(fixtureBody('ManagedClustersGet', '200'), value[0], CLUSTER_ABSENT_OK),
      ).toEqual([]);
    }
  });

  it('ManagedClusters_GetUpgradeProfile', async () => {
    const r = await rawArm(h, 'GET', `${mc}/upgradeProfiles/default${v}`);
    const fixture = fixtureBody('ManagedClustersGetUpgradeProfile', '200');
    // isPreview is optional per upgrade (present only on preview versions).
    expect(
      shapeDiff(fixture, r.body, ['properties.controlPlaneProfile.upgrades[].isPreview']),
    ).toEqual([]);
    expect(extraKeys(fixture, r.body).filter((k) => !k.endsWith('upgrades[].isPreview'))).toEqual(
      [],
    );
  });

  it('AgentPools_List, AgentPools_Get, AgentPools_GetUpgradeProfile', async () => {
    const list = await rawArm(h, 'GET', `${mc}/agentPools${v}`);
    expect(shapeDiff(fixtureBody('AgentPoolsList', '200'), list.body)).toEqual([]);
    const get = await rawArm(h, 'GET', `${mc}/agentPools/system${v}`);
    expect(shapeDiff(fixtureBody('AgentPoolsGet', '200'), get.body)).toEqual([]);
    const profile = await rawArm(h, 'GET', `${mc}/agentPools/system/upgradeProfiles/default${v}`);
    const fixture = fixtureBody('AgentPoolsGetUpgradeProfile', '200');
    expect(shapeDiff(fixture, profile.body)).toEqual([]);
    expect(extraKeys(fixture, profile.body)).toEqual([]);
  });

  it('ManagedClusters_ListKubernetesVersions', async () => {
    const c = h.aks.coordinates;
    const r = await rawArm(
      h,
      'GET',
      `/subscriptions/${c.subscriptionId}/providers/Microsoft.ContainerService/locations/${c.location}/kubernetesVersions${v}`,
    );
    const fixture = fixtureBody('KubernetesVersions_List', '200') as { values: unknown[] };
    const body = r.body as { values: Array<Record<string, unknown>> };
    // Entries differ in optional flags (isDefault/isPreview): compare each to the richest example entry.
    for (const entry of body.values) {
      const { isDefault: _d, isPreview: _p, ...core } = entry;
      expect(shapeDiff(fixture.values[1], { isDefault: true, ...core })).toEqual([]);
    }
  });

  it('List credentials (user and admin)', async () => {
    for (const [name, op] of [
      ['ManagedClustersListClusterUserCredentials', 'listClusterUserCredential'],
      ['ManagedClustersListClusterAdminCredentials', 'listClusterAdminCredential'],
    ] as const) {
      const r = await rawArm(h, 'POST', `${mc}/${op}${v}`);
      expect(r.status).toBe(200);
      expect(shapeDiff(fixtureBody(name, '200'), r.body)).toEqual([]);
    }
  });

  it('AgentPools_UpgradeNodeImageVersion 202 and the operation status', async () => {
    const r = await rawArm(h, 'POST', `${mc}/agentPools/system/upgradeNodeImageVersion${v}`);
    expect(r.status).toBe(202);
    expect(shapeDiff(fixtureBody('AgentPoolsUpgradeNodeImageVersion', '202'), r.body)).toEqual([]);
    expect(
      (r.body as { properties: { provisioningState: string } }).properties.provisioningState,
    ).toBe('UpgradingNodeImageVersion');
    const aao = r.headers.get('azure-asyncoperation') ?? '';
    expect(aao.startsWith(`${h.https.baseUrl}/subscriptions/`)).toBe(true);
    expect(r.headers.get('location')).toMatch(/\/operations\//);
    const status = await rawArm(h, 'GET', new URL(aao).pathname + new URL(aao).search);
    expect(shapeDiff(fixtureBody('OperationStatusResultGet', '200'), status.body)).toEqual([]);
  });

  it('refuses a request without api-version', async () => {
    const r = await rawArm(h, 'GET', mc);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      error: {
        code: 'MissingApiVersionParameter',
        message: expect.stringContaining('api-version') as unknown,
      },
    });
  });
});
