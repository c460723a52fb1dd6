import { CoreV1Api, VersionApi } from '@kubernetes/client-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createContainerServiceClient } from '../../src/azure/client.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fixedTokenCredential } from '../../src/target/credential.js';
import { KubeConfig } from '@kubernetes/client-node';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', speed: 1000 });
});
afterAll(() => sim.close());

it('reports the control plane version on /version, before and after a control-plane upgrade', async () => {
  const kc = new KubeConfig();
  kc.loadFromString(sim.userKubeconfig());
  const version = async () => (await kc.makeApiClient(VersionApi).getCode()).gitVersion;
  const client = createContainerServiceClient({
    credential: fixedTokenCredential(sim.arm.token),
    subscriptionId: sim.arm.subscriptionId,
    cloud: 'AzureCloud',
    endpoint: sim.arm.endpoint,
    caCert: sim.caCert,
    mode: { readOnly: false, dryRun: false },
  });
  const { resourceGroup: rg, name } = sim.arm;
  const cluster = await client.managedClusters.get(rg, name);
  expect(await version()).toBe(`v${cluster.currentKubernetesVersion}`);

  const target = (await client.managedClusters.getUpgradeProfile(rg, name)).controlPlaneProfile
    .upgrades?.[0]?.kubernetesVersion;
  expect(target).toBeDefined();
  await client.managedClusters
    .createOrUpdate(rg, name, { ...cluster, kubernetesVersion: target }, { updateIntervalInMs: 5 })
    .pollUntilDone();
  expect(await version()).toBe(`v${target}`);
  // Nodes keep their kubelet until their pool is upgraded.
  const nodes = await kc.makeApiClient(CoreV1Api).listNode();
  expect(new Set(nodes.items.map((n) => n.status?.nodeInfo?.kubeletVersion))).toEqual(
    new Set([`v${cluster.currentKubernetesVersion}`]),
  );
});
