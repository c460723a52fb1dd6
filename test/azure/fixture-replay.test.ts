// The tool's ARM reads and the node image operation, through the real SDK client, answered from
// our documented fixtures: the same code paths as against Azure, with no network and no simulator.
import { describe, expect, it } from 'vitest';
import { fetchUserKubeconfig, readArmCluster } from '../../src/azure/cluster.js';
import { listManagedClusters } from '../../src/azure/list-clusters.js';
import { postNodeImageUpgrade } from '../../src/azure/upgrade-ops.js';
import { readVersionReads } from '../../src/azure/upgrade-reads.js';
import { versionFactsFromArm } from '../../src/checks/versions/from-arm.js';
import { supportedMinors } from '../../src/checks/versions/support.js';
import { armFailureOf, blockingPdb } from '../../src/steps/rotation/explain.js';
import { FIXTURE_SUBSCRIPTION, PROFILES_AT, type ArmFixtureName } from '../fixtures/arm.js';
import { replayClient, type ReplayRoute } from '../fixtures/arm-replay.js';

const RP = `/subscriptions/${FIXTURE_SUBSCRIPTION}/providers/Microsoft.ContainerService`;
const MC = `/subscriptions/${FIXTURE_SUBSCRIPTION}/resourceGroups/${PROFILES_AT.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${PROFILES_AT.name}`;
const OPERATION = /\/locations\/westeurope\/operationStatus\/[0-9a-f-]+$/;
const RESULT = /\/locations\/westeurope\/operations\/[0-9a-f-]+$/;

const clusterReads: ReplayRoute[] = [
  { method: 'GET', path: MC, answers: ['managed-cluster-profiles'] },
  { method: 'GET', path: `${MC}/agentPools`, answers: ['agent-pool-list'] },
];

describe('ARM reads answered from our fixtures', () => {
  it('lists the subscription clusters sorted, with state and power, and stops at a null nextLink', async () => {
    const { client, requests } = replayClient([
      { method: 'GET', path: `${RP}/managedClusters`, answers: ['managed-cluster-list'] },
    ]);
    const listed = await listManagedClusters(client, FIXTURE_SUBSCRIPTION);
    expect(listed.map((c) => `${c.resourceGroup}/${c.name}`)).toEqual([
      'rg-batch-test/aks-batch-test',
      'rg-ledger-dev/aks-ledger-dev',
      'rg-payments-prod/aks-payments-prod',
    ]);
    // Mid-upgrade, the running version is the current one, not the target.
    expect(listed[0]).toMatchObject({
      kubernetesVersion: '1.31.9',
      provisioningState: 'Upgrading',
      powerState: 'Stopped',
      location: 'swedencentral',
    });
    expect(requests).toHaveLength(1);
  });

  it('reads the cluster and its pools', async () => {
    const { client } = replayClient(clusterReads);
    const { cluster, pools } = await readArmCluster(client, PROFILES_AT);
    expect(cluster.aadProfile).toMatchObject({ managed: true, enableAzureRbac: true });
    expect(cluster.networkProfile?.networkPolicy).toBe('cilium');
    expect(pools.map((p) => [p.name, p.mode, p.osType, p.currentOrchestratorVersion])).toEqual([
      ['system', 'System', 'Linux', '1.33.2'],
      ['apps', 'User', 'Linux', '1.32.7'],
      ['win', 'User', 'Windows', '1.33.2'],
    ]);
  });

  it('decodes the user kubeconfig from the credential results', async () => {
    const { client } = replayClient([
      { method: 'POST', path: `${MC}/listClusterUserCredential`, answers: ['credentials-user'] },
    ]);
    const kubeconfig = await fetchUserKubeconfig(client, PROFILES_AT);
    expect(kubeconfig).toContain('current-context: aks-payments-prod');
    expect(kubeconfig).toContain(
      'server: https://payments-prod-h3v8r1tw.hcp.westeurope.azmk8s.io:443',
    );
    expect(kubeconfig).toContain('command: kubelogin');
  });

  it('builds the version facts from the upgrade profiles and the region list', async () => {
    const { client } = replayClient([
      ...clusterReads,
      {
        method: 'GET',
        path: `${MC}/upgradeProfiles/default`,
        answers: ['managed-cluster-upgrade-profile'],
      },
      {
        method: 'GET',
        path: /\/agentPools\/[a-z0-9]+\/upgradeProfiles\/default$/,
        answers: ['agent-pool-upgrade-profile'],
      },
      {
        method: 'GET',
        path: `${RP}/locations/westeurope/kubernetesVersions`,
        answers: ['kubernetes-versions'],
      },
    ]);
    const facts = versionFactsFromArm(await readVersionReads(client, PROFILES_AT));
    expect(facts.controlPlane).toEqual({
      version: '1.33.2',
      current: '1.33.2',
      upgrades: [
        { version: '1.33.3', isPreview: false },
        { version: '1.34.0', isPreview: true },
      ],
    });
    expect(facts.pools.find((p) => p.name === 'apps')).toMatchObject({
      current: '1.32.7',
      settings: { maxSurge: '1', maxUnavailable: '0', undrainableNodeBehavior: 'Cordon' },
    });
    expect(supportedMinors(facts.region)).toEqual(['1.33', '1.32', '1.31']);
    expect(facts.channels).toEqual({ upgrade: 'patch', nodeOS: 'NodeImage' });
    // No maintenance-configuration fixture: the read fails and says so rather than inventing none.
    expect(facts.maintenance).toHaveProperty('unreadable');
  });
});

describe('node image upgrade: 202, then the operation status until it ends', () => {
  const upgrade = (status: ArmFixtureName[]) =>
    replayClient([
      {
        method: 'POST',
        path: `${MC}/agentPools/apps/upgradeNodeImageVersion`,
        answers: ['node-image-upgrade-202'],
      },
      { method: 'GET', path: OPERATION, answers: status },
      { method: 'GET', path: RESULT, answers: ['node-image-upgrade-result'] },
    ]);

  it('follows Azure-AsyncOperation to Succeeded, then reads the result from Location', async () => {
    const { client, requests } = upgrade([
      'operation-status-in-progress',
      'operation-status-succeeded',
    ]);
    // The operation's result is the pool, but the SDK declares this POST's result void.
    await expect(
      postNodeImageUpgrade(client, PROFILES_AT, 'apps', { updateIntervalInMs: 1 }).pollUntilDone(),
    ).resolves.toBeUndefined();
    expect(requests.map((r) => r.split(' ')[0])).toEqual(['POST', 'GET', 'GET', 'GET']);
    expect(requests.slice(1, 3).every((r) => OPERATION.test(r))).toBe(true);
    expect(requests.at(-1)).toMatch(RESULT);
  });

  it('a failed operation surfaces its AKS code, and the blocking PDB is named', async () => {
    const { client } = upgrade(['operation-status-in-progress', 'operation-status-failed']);
    const error: unknown = await postNodeImageUpgrade(client, PROFILES_AT, 'apps', {
      updateIntervalInMs: 1,
    })
      .pollUntilDone()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    const failure = armFailureOf(error);
    expect(failure.code).toBe('UpgradeFailed');
    expect(failure.message).toMatch(/^Drain node aks-apps-\d+-vmss\d+ failed when evicting pod/);
    expect(blockingPdb(failure.message)).toEqual({
      namespace: 'payments',
      pod: 'ledger-api-6f8d9c7b54-q2wzx',
      pdb: 'ledger-api-pdb',
    });
  });
});
