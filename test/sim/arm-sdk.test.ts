// The real @azure/arm-containerservice client against the simulated resource provider.
import { isRestError } from '@azure/arm-containerservice';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_GROUP, IMAGES } from '../../src/sim/scenarios/versions.js';
import { pod, startArm, waitFor, type ArmHarness } from './arm-helpers.js';

const fast = { updateIntervalInMs: 5 };
let h: ArmHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function arm(
  scenario = 'minimal',
  opts: Parameters<typeof startArm>[1] = {},
): Promise<ArmHarness> {
  h = await startArm(scenario, opts);
  return h;
}

async function restError(
  p: Promise<unknown>,
): Promise<{ statusCode?: number; code?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isRestError(e)) return { statusCode: e.statusCode, code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a RestError');
}

describe('ContainerServiceClient against the simulator', () => {
  it('reads the cluster, pools, upgrade profiles, versions and credentials', async () => {
    const { client, aks, https, caCert } = await arm();
    const { resourceGroup: rg, name, location } = aks.coordinates;
    const mc = await client.managedClusters.get(rg, name);
    expect(mc.kubernetesVersion).toBe('1.31.8');
    expect(mc.aadProfile?.managed).toBe(true);
    expect(mc.agentPoolProfiles?.[0]?.nodeImageVersion).toMatch(/^AKSUbuntu/);
    const pools = [];
    for await (const p of client.agentPools.list(rg, name)) pools.push(p);
    expect(pools.map((p) => p.name)).toEqual(['system']);
    const listed = [];
    for await (const c of client.managedClusters.listByResourceGroup(rg)) listed.push(c.name);
    for await (const c of client.managedClusters.list()) listed.push(c.name);
    expect(listed).toEqual([name, name]);
    const profile = await client.managedClusters.getUpgradeProfile(rg, name);
    expect(profile.controlPlaneProfile.upgrades?.map((u) => u.kubernetesVersion)).toEqual([
      '1.32.4',
      '1.32.5',
    ]);
    const poolProfile = await client.agentPools.getUpgradeProfile(rg, name, 'system');
    expect(poolProfile.latestNodeImageVersion).toBe(IMAGES.ubuntuLatest);
    const versions = await client.managedClusters.listKubernetesVersions(location);
    expect(versions.values?.find((v) => v.version === '1.33')?.isPreview).toBe(true);
    const creds = await client.managedClusters.listClusterUserCredentials(rg, name);
    const kubeconfig = parse(new TextDecoder().decode(creds.kubeconfigs?.[0]?.value)) as {
      clusters: Array<{ cluster: { server: string; 'certificate-authority-data': string } }>;
      users: Array<{ user: { token: string } }>;
    };
    expect(kubeconfig.clusters[0]?.cluster.server).toBe(https.baseUrl);
    expect(
      Buffer.from(
        kubeconfig.clusters[0]?.cluster['certificate-authority-data'] ?? '',
        'base64',
      ).toString(),
    ).toBe(caCert);
    const who = https.tokens.check(`Bearer ${kubeconfig.users[0]?.user.token ?? ''}`);
    expect(who).toEqual({
      caller: { user: 'operator@contoso.com', groups: [ADMIN_GROUP], audience: 'kube' },
    });
  });

  it('upgrades the node image: surge, drain, reimage, remove surge', async () => {
    const { client, aks, world } = await arm('minimal', { speed: 5000 });
    const { resourceGroup: rg, name } = aks.coordinates;
    const before = world.listNodes().map((n) => n.metadata.name);
    world.load(before.map((n, i) => pod(`web-${i}`, n)));
    const poller = client.agentPools.upgradeNodeImageVersion(rg, name, 'system', fast);
    const states: string[] = [];
    poller.onProgress((s) => states.push(s.status));
    await poller.pollUntilDone();
    expect(poller.operationState?.status).toBe('succeeded');
    const pool = await client.agentPools.get(rg, name, 'system');
    expect(pool.nodeImageVersion).toBe(IMAGES.ubuntuLatest);
    expect(pool.provisioningState).toBe('Succeeded');
    const after = world.listNodes();
    expect(after.map((n) => n.metadata.name).sort()).toEqual([...before].sort());
    for (const n of after)
      expect(n.metadata.labels?.['kubernetes.azure.com/node-image-version']).toBe(
        pool.nodeImageVersion,
      );
    expect(world.evictions).toBeGreaterThanOrEqual(2);
    // Already on the latest image: the service answers 304, which the SDK reports as an error.
    const again = await restError(
      client.agentPools.upgradeNodeImageVersion(rg, name, 'system', fast).pollUntilDone(),
    );
    expect(again.statusCode).toBe(304);
  });

  it('upgrades in place with maxSurge 0: never more nodes than the pool has', async () => {
    const { client, aks, world } = await arm('minimal', {
      speed: 5000,
      edit: (s) => {
        s.descriptor.cluster.pools[0]!.upgradeSettings = { maxSurge: '0', maxUnavailable: '1' };
      },
    });
    const { resourceGroup: rg, name } = aks.coordinates;
    const before = world.listNodes().map((n) => n.metadata.name);
    let most = before.length;
    const put = world.putNode.bind(world);
    world.putNode = (node) => {
      put(node);
      most = Math.max(most, world.listNodes().length);
    };
    await client.agentPools.upgradeNodeImageVersion(rg, name, 'system', fast).pollUntilDone();
    expect(most).toBe(before.length);
    expect(
      world
        .listNodes()
        .map((n) => n.metadata.name)
        .sort(),
    ).toEqual([...before].sort());
  });

  it('upgrades control plane only, then the pool; refuses skips and skew', async () => {
    const { client, aks, world } = await arm();
    const { resourceGroup: rg, name } = aks.coordinates;
    const mc = await client.managedClusters.get(rg, name);
    const skip = await restError(
      client.managedClusters
        .createOrUpdate(rg, name, { ...mc, kubernetesVersion: '1.33.1' }, fast)
        .pollUntilDone(),
    );
    expect(skip).toMatchObject({ statusCode: 400, code: 'OperationNotAllowed' });
    expect(skip.message).toContain('Available upgrades: [1.32.4 1.32.5]');
    const unknown = await restError(
      client.managedClusters
        .createOrUpdate(rg, name, { ...mc, kubernetesVersion: '1.31.99' }, fast)
        .pollUntilDone(),
    );
    expect(unknown.message).toContain('is not supported in this region');
    const tooNew = await restError(
      client.agentPools
        .createOrUpdate(rg, name, 'system', { orchestratorVersion: '1.32.5' }, fast)
        .pollUntilDone(),
    );
    expect(tooNew).toMatchObject({ statusCode: 400, code: 'NodePoolMcVersionIncompatible' });

    const updated = await client.managedClusters
      .createOrUpdate(rg, name, { ...mc, kubernetesVersion: '1.32.5' }, fast)
      .pollUntilDone();
    expect(updated.currentKubernetesVersion).toBe('1.32.5');
    expect(updated.agentPoolProfiles?.[0]?.currentOrchestratorVersion).toBe('1.31.8');
    const kubelets = world
      .listNodes()
      .map(
        (n) => (n['status'] as { nodeInfo: { kubeletVersion: string } }).nodeInfo.kubeletVersion,
      );
    expect(new Set(kubelets)).toEqual(new Set(['v1.31.8']));

    const pool = await client.agentPools
      .createOrUpdate(rg, name, 'system', { orchestratorVersion: '1.32.5' }, fast)
      .pollUntilDone();
    expect(pool.currentOrchestratorVersion).toBe('1.32.5');
    const after = world
      .listNodes()
      .map(
        (n) => (n['status'] as { nodeInfo: { kubeletVersion: string } }).nodeInfo.kubeletVersion,
      );
    expect(new Set(after)).toEqual(new Set(['v1.32.5']));
  });

  it('upgrades control plane and all pools in one PUT', async () => {
    const { client, aks } = await arm();
    const { resourceGroup: rg, name } = aks.coordinates;
    const mc = await client.managedClusters.get(rg, name);
    const body = {
      ...mc,
      kubernetesVersion: '1.32.4',
      agentPoolProfiles: mc.agentPoolProfiles?.map((p) => ({
        ...p,
        orchestratorVersion: '1.32.4',
      })),
    };
    const done = await client.managedClusters.createOrUpdate(rg, name, body, fast).pollUntilDone();
    expect(done.provisioningState).toBe('Succeeded');
    expect(done.agentPoolProfiles?.[0]?.currentOrchestratorVersion).toBe('1.32.4');
  });

  it('fails a pool upgrade blocked by a PDB with UpgradeFailed and the drain message', async () => {
    const { client, aks, world } = await arm();
    const { resourceGroup: rg, name } = aks.coordinates;
    const node = world.listNodes()[0]!.metadata.name;
    world.load([pod('db-0', node, 'shop')]);
    world.blocked.add('db-0');
    const poller = client.agentPools.upgradeNodeImageVersion(rg, name, 'system', fast);
    await expect(poller.pollUntilDone()).rejects.toThrow(
      /UpgradeFailed\. Drain node aks-system-\d{8}-vmss\w{6} failed when evicting pod db-0/,
    );
    const pool = await client.agentPools.get(rg, name, 'system');
    expect(pool.provisioningState).toBe('Failed');
    // Schedule (default): the blocked node is schedulable again and no surge node is left.
    expect(world.getNode(node)?.['spec']).toMatchObject({ unschedulable: false });
    expect(world.listNodes()).toHaveLength(2);
  });

  // ARM enum values match whatever their case: the app reads `cordon` as Cordon, so must AKS here.
  it.each(['Cordon', 'cordon'])(
    'quarantines an undrainable node with undrainableNodeBehavior: %s',
    async (behavior) => {
      const { client, aks, world } = await arm('minimal', {
        edit: (s) => {
          s.descriptor.cluster.pools[0]!.upgradeSettings = {
            maxSurge: '1',
            drainTimeoutInMinutes: 5,
            // The scenario type names AKS's spelling; a pool PUT may carry any case.
            undrainableNodeBehavior: behavior as 'Cordon',
          };
        },
      });
      const { resourceGroup: rg, name } = aks.coordinates;
      const node = world.listNodes()[0]!.metadata.name;
      world.load([pod('db-0', node, 'shop')]);
      world.blocked.add('db-0');
      await expect(
        client.agentPools.upgradeNodeImageVersion(rg, name, 'system', fast).pollUntilDone(),
      ).rejects.toThrow(/UpgradeFailed/);
      expect(world.getNode(node)?.metadata.labels?.['kubernetes.azure.com/upgrade-status']).toBe(
        'Quarantined',
      );
      expect(world.getNode(node)?.['spec']).toMatchObject({ unschedulable: true });
      // One surge node is kept for the quarantined one.
      expect(world.listNodes()).toHaveLength(3);
    },
  );

  it('refuses a second operation with 409, and aborts the running one (Canceled)', async () => {
    const { client, aks } = await arm('minimal', { speed: 300 });
    const { resourceGroup: rg, name } = aks.coordinates;
    const poller = client.agentPools.upgradeNodeImageVersion(rg, name, 'system', fast);
    await poller.submitted();
    const busy = await restError(
      client.agentPools
        .createOrUpdate(
          rg,
          name,
          'system',
          { orchestratorVersion: '1.31.8', upgradeSettings: { maxSurge: '2' } },
          fast,
        )
        .pollUntilDone(),
    );
    expect(busy.statusCode).toBe(409);
    expect(busy.message).toContain(
      'Another agentpool operation (system - UpgradingNodeImageVersion) is in progress',
    );
    const failure = poller.pollUntilDone().then(
      () => 'succeeded',
      (e: Error) => e.message,
    );
    await client.agentPools.abortLatestOperation(rg, name, 'system', fast).pollUntilDone();
    expect(await failure).toMatch(/cancel/i);
    expect((await client.agentPools.get(rg, name, 'system')).provisioningState).toBe('Canceled');
    const none = await restError(
      client.managedClusters.abortLatestOperation(rg, name, fast).pollUntilDone(),
    );
    expect(none.statusCode).toBe(409);
  });

  it('enables Defender through a PUT (Updating, then Succeeded); refuses it without a workspace', async () => {
    const { client, aks } = await arm();
    const { resourceGroup: rg, name } = aks.coordinates;
    const mc = await client.managedClusters.get(rg, name);
    expect(mc.securityProfile?.defender).toBeUndefined();
    // The ARM schema requires the workspace whenever Defender is enabled.
    const refused = await restError(
      client.managedClusters.createOrUpdate(
        rg,
        name,
        { ...mc, securityProfile: { defender: { securityMonitoring: { enabled: true } } } },
        fast,
      ),
    );
    expect(refused).toMatchObject({ statusCode: 400, code: 'InvalidParameter' });
    expect(aks.state.defender?.enabled ?? false).toBe(false);
    const workspace = `/subscriptions/${aks.coordinates.subscriptionId}/resourceGroups/rg-mon/providers/Microsoft.OperationalInsights/workspaces/law`;
    const poller = client.managedClusters.createOrUpdate(
      rg,
      name,
      {
        ...mc,
        securityProfile: {
          defender: {
            logAnalyticsWorkspaceResourceId: workspace,
            securityMonitoring: { enabled: true },
          },
        },
      },
      fast,
    );
    await poller.submitted();
    expect(aks.state.provisioningState).toBe('Updating');
    const done = await poller.pollUntilDone();
    expect(done.securityProfile?.defender?.securityMonitoring?.enabled).toBe(true);
    expect(done.securityProfile?.defender?.logAnalyticsWorkspaceResourceId).toBe(workspace);
  });

  it('refuses admin credentials when local accounts are disabled', async () => {
    const { client, aks } = await arm('minimal', {
      edit: (s) => {
        s.descriptor.cluster.disableLocalAccounts = true;
      },
    });
    const { resourceGroup: rg, name } = aks.coordinates;
    const denied = await restError(client.managedClusters.listClusterAdminCredentials(rg, name));
    expect(denied).toMatchObject({ statusCode: 400, code: 'BadRequest' });
    expect(denied.message).toContain('disable local accounts');
    expect(
      (await client.managedClusters.listClusterUserCredentials(rg, name)).kubeconfigs,
    ).toHaveLength(1);
  });

  it('refuses credentials and writes to a reader', async () => {
    const { client, aks } = await arm('minimal', {
      edit: (s) => {
        s.descriptor.operator.armRole = 'reader';
      },
    });
    const { resourceGroup: rg, name } = aks.coordinates;
    expect((await client.managedClusters.get(rg, name)).name).toBe(name);
    const denied = await restError(client.managedClusters.listClusterUserCredentials(rg, name));
    expect(denied).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    const write = await restError(
      client.agentPools.upgradeNodeImageVersion(rg, name, 'system', fast).pollUntilDone(),
    );
    expect(write.message).toContain("'Microsoft.ContainerService/managedClusters/write'");
  });

  it('ends an operation Failed or Canceled when the fault says so', async () => {
    const { client, aks } = await arm('minimal', { faults: { operationOutcome: 'Failed' } });
    const { resourceGroup: rg, name } = aks.coordinates;
    await expect(
      client.agentPools.upgradeNodeImageVersion(rg, name, 'system', fast).pollUntilDone(),
    ).rejects.toThrow(/InternalOperationError/);
    await waitFor(() => aks.state.pools[0]?.provisioningState === 'Failed', 2000, 'pool Failed');
  });
});
