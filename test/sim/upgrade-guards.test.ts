// Two AKS upgrade rules the simulator enforces so the app's own refusals and warnings are tested
// against the service's behaviour, not only against themselves.
import { isRestError } from '@azure/arm-containerservice';
import { afterEach, expect, it } from 'vitest';
import { pod, startArm, type ArmHarness } from './arm-helpers.js';

const fast = { updateIntervalInMs: 5 };
let h: ArmHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function refusal(p: Promise<unknown>): Promise<{ statusCode?: number; code?: string }> {
  try {
    await p;
  } catch (e) {
    if (isRestError(e)) return { statusCode: e.statusCode, code: e.code };
    throw e;
  }
  throw new Error('expected a RestError');
}

// AKS auto-upgrade limitations: with a version channel on, the control plane cannot go alone.
it.each(['stable', 'patch', 'rapid'] as const)(
  'refuses a control-plane-only upgrade while the auto-upgrade channel is %s, not a whole one',
  async (channel) => {
    h = await startArm('minimal', {
      edit: (s) => {
        s.descriptor.cluster.autoUpgradeProfile = { upgradeChannel: channel };
      },
    });
    const { client, aks } = h;
    const { resourceGroup: rg, name } = aks.coordinates;
    const mc = await client.managedClusters.get(rg, name);
    const cpOnly = client.managedClusters
      .createOrUpdate(rg, name, { ...mc, kubernetesVersion: '1.32.5' }, fast)
      .pollUntilDone();
    expect(await refusal(cpOnly)).toEqual({
      statusCode: 400,
      code: 'NotAllAgentPoolOrchestratorVersionSpecifiedAndUnchanged',
    });
    const whole = await client.managedClusters
      .createOrUpdate(
        rg,
        name,
        {
          ...mc,
          kubernetesVersion: '1.32.5',
          agentPoolProfiles: mc.agentPoolProfiles?.map((p) => ({
            ...p,
            orchestratorVersion: '1.32.5',
          })),
        },
        fast,
      )
      .pollUntilDone();
    expect(whole.agentPoolProfiles?.[0]?.currentOrchestratorVersion).toBe('1.32.5');
  },
);

it('allows a control-plane-only upgrade with the node-image channel', async () => {
  h = await startArm('minimal', {
    edit: (s) => {
      s.descriptor.cluster.autoUpgradeProfile = { upgradeChannel: 'node-image' };
    },
  });
  const { client, aks } = h;
  const { resourceGroup: rg, name } = aks.coordinates;
  const mc = await client.managedClusters.get(rg, name);
  const done = await client.managedClusters
    .createOrUpdate(rg, name, { ...mc, kubernetesVersion: '1.32.5' }, fast)
    .pollUntilDone();
  expect(done.currentKubernetesVersion).toBe('1.32.5');
});

// Force upgrade (upgradeSettings.overrideSettings, API 2025-09-01+) drains past budgets.
it.each([
  ['an active force override deletes past it', 60, 'Succeeded'],
  ['a lapsed force override still stops at it', -60, 'Failed'],
] as const)('a pod a budget protects: %s', async (_what, minutes, state) => {
  h = await startArm('minimal');
  const { client, aks, world } = h;
  const { resourceGroup: rg, name } = aks.coordinates;
  world.load([pod('db-0', world.listNodes()[0]!.metadata.name, 'shop')]);
  world.blocked.add('db-0');
  const mc = await client.managedClusters.get(rg, name);
  const body = {
    ...mc,
    kubernetesVersion: '1.32.5',
    agentPoolProfiles: mc.agentPoolProfiles?.map((p) => ({ ...p, orchestratorVersion: '1.32.5' })),
    upgradeSettings: {
      overrideSettings: {
        forceUpgrade: true,
        until: new Date(Date.now() + minutes * 60_000),
      },
    },
  };
  const run = client.managedClusters.createOrUpdate(rg, name, body, fast).pollUntilDone();
  if (state === 'Failed') await expect(run).rejects.toThrow(/UpgradeFailed\. Drain node .* db-0/);
  else await run;
  expect((await client.managedClusters.get(rg, name)).provisioningState).toBe(state);
  // The fake world moves a deleted pod to another node, so a whole roll deletes it more than once.
  expect(world.deletions > 0).toBe(state === 'Succeeded');
});
