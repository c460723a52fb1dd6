// Every ARM response the tool reads from the simulator has the keys and value types of our
// documented fixtures (test/fixtures/arm): the simulator may leave out only what a cluster
// without that setting leaves out, and adds nothing the fixtures do not know.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armBody, armFixture, type ArmFixtureName } from '../fixtures/arm.js';
import { extraKeys, shapeDiff } from '../helpers/json-shape.js';
import { rawArm, startArm, type ArmHarness } from './arm-helpers.js';
import { simAnswers, type SimAnswer, type SimCovered } from './arm-responses.js';

/** Properties a cluster or pool has only when that setting was made (the fixtures set them all). */
const POOL_SETTINGS = [
  'minCount',
  'maxCount',
  'nodeLabels',
  'nodeTaints',
  'upgradeSettings.maxUnavailable',
  'upgradeSettings.drainTimeoutInMinutes',
  'upgradeSettings.nodeSoakDurationInMinutes',
  'upgradeSettings.undrainableNodeBehavior',
];
const CLUSTER_SETTINGS = [
  'properties.windowsProfile',
  'properties.diskEncryptionSetID',
  'properties.upgradeSettings',
  'properties.apiServerAccessProfile.enablePrivateCluster',
  'properties.securityProfile',
  'properties.networkProfile.networkDataplane',
  'properties.networkProfile.loadBalancerProfile.managedOutboundIPs',
  ...POOL_SETTINGS.map((p) => `properties.agentPoolProfiles[].${p}`),
];
/** The load balancer names its egress IPs one of two documented ways; the sim uses the other one. */
const LB_OUTBOUND = 'properties.networkProfile.loadBalancerProfile.outboundIPs';

let demo: ArmHarness;
let answers: Record<SimCovered, SimAnswer>;
beforeAll(async () => {
  demo = await startArm('demo');
  answers = await simAnswers(demo);
});
afterAll(() => demo.close());

/** Shape differences of the sim's answer from our fixture (status included). */
function differences(name: SimCovered, optional: string[] = []): string[] {
  const fixture = armFixture(name);
  const got = answers[name];
  const status =
    got.status === fixture.status ? [] : [`status ${got.status}, not ${fixture.status}`];
  return [...status, ...shapeDiff(fixture.body, got.body, optional)];
}

describe('simulated ARM answers have the shape of our fixtures', () => {
  it('ManagedClusters_Get and _List', () => {
    expect(differences('managed-cluster-profiles', CLUSTER_SETTINGS)).toEqual([]);
    expect(
      extraKeys(armBody('managed-cluster-profiles'), answers['managed-cluster-profiles'].body),
    ).toEqual([LB_OUTBOUND]);
    expect(
      differences('managed-cluster-list', [
        'nextLink',
        ...CLUSTER_SETTINGS.map((p) => `value[].${p}`),
      ]),
    ).toEqual([]);
  });

  it('a cluster without the checklist profiles, as ManagedClusters_Get shows it', async () => {
    const bare = await startArm('minimal', {
      edit: (s) => {
        delete s.descriptor.cluster.aadProfile;
      },
    });
    try {
      const c = bare.aks.coordinates;
      const r = await rawArm(
        bare,
        'GET',
        `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${c.name}?api-version=2026-06-01`,
      );
      const fixture = armBody('managed-cluster-bare');
      expect(shapeDiff(fixture, r.body, CLUSTER_SETTINGS)).toEqual([]);
      for (const absent of [
        'aadProfile',
        'apiServerAccessProfile',
        'securityProfile',
        'autoUpgradeProfile',
      ]) {
        expect(r.body).not.toHaveProperty(['properties', absent]);
      }
      // The sim always runs clusters with a managed identity, and states the local-accounts default.
      expect(extraKeys(fixture, r.body).sort()).toEqual([
        'identity',
        'properties.disableLocalAccounts',
        'sku',
      ]);
    } finally {
      await bare.close();
    }
  });

  it.each<[SimCovered, string[]]>([
    ['managed-cluster-upgrade-profile', []],
    ['agent-pool-list', POOL_SETTINGS.map((p) => `value[].properties.${p}`)],
    ['agent-pool-get', POOL_SETTINGS.map((p) => `properties.${p}`)],
    ['agent-pool-upgrade-profile', []],
    ['available-agent-pool-versions', []],
    ['kubernetes-versions', []],
    ['credentials-user', []],
    ['credentials-admin', []],
    ['node-image-upgrade-202', POOL_SETTINGS.map((p) => `properties.${p}`)],
    ['operation-status-in-progress', ['endTime']],
  ])('%s', (name, optional) => {
    expect(differences(name, optional)).toEqual([]);
    expect(extraKeys(armBody(name as ArmFixtureName), answers[name].body)).toEqual([]);
  });

  it('a node image upgrade answers 202 with absolute polling URLs on the server itself', () => {
    const { headers, body } = answers['node-image-upgrade-202'];
    expect(
      (body as { properties: { provisioningState: string } }).properties.provisioningState,
    ).toBe('UpgradingNodeImageVersion');
    const fixture = armFixture('node-image-upgrade-202').headers ?? {};
    for (const name of Object.keys(fixture)) {
      expect(headers.get(name)).toMatch(new RegExp(`^${demo.https.baseUrl}/subscriptions/`));
    }
    expect(headers.get('location')).toMatch(/\/operations\//);
  });

  it('refuses a request without api-version', async () => {
    const c = demo.aks.coordinates;
    const r = await rawArm(
      demo,
      'GET',
      `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${c.name}`,
    );
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      error: {
        code: 'MissingApiVersionParameter',
        message: expect.stringContaining('api-version') as unknown,
      },
    });
  });
});
