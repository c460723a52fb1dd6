import type { FleetSpec } from '../fleet/spec.js';
import { LEDGER_OBJECTS } from './small.js';
import type { BuiltInScenario } from './types.js';
import { ADMIN_GROUP, IMAGES, REGION_VERSIONS } from './versions.js';

/** The two subscriptions of the fleet scenario: non-production and production. */
export const FLEET_SUBSCRIPTIONS = {
  nonprod: '5a1e0c3b-2d4f-4a6b-9c8d-0e1f2a3b4c5d',
  prod: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
};

interface ClusterSketch {
  name: string;
  env: 'dev' | 'staging' | 'prod';
  location: string;
  version: string;
  /** Update group in the fleet; absent = not a fleet member. */
  group?: string;
  extra?: string;
  /** A single-replica database behind `minAvailable: 1`: every drain of its node is blocked. */
  strictPdb?: boolean;
  imagesBehind?: boolean;
  /** Still serves flowcontrol v1beta3 (gone in 1.32) and holds a FlowSchema applied through it. */
  oldFlowSchema?: boolean;
}

/** Twelve clusters: dev and staging in one subscription, prod in the other, ten in the fleet. */
const CLUSTERS: ClusterSketch[] = [
  { name: 'aks-shop-dev', env: 'dev', location: 'westeurope', version: '1.30.12', group: 'dev' },
  { name: 'aks-pay-dev', env: 'dev', location: 'westeurope', version: '1.31.8', group: 'dev' },
  {
    name: 'aks-data-dev',
    env: 'dev',
    location: 'northeurope',
    version: '1.30.11',
    imagesBehind: true,
  },
  {
    name: 'aks-shop-stg',
    env: 'staging',
    location: 'westeurope',
    version: '1.30.12',
    group: 'staging',
  },
  {
    name: 'aks-pay-stg',
    env: 'staging',
    location: 'westeurope',
    version: '1.30.12',
    group: 'staging',
    strictPdb: true,
  },
  {
    name: 'aks-data-stg',
    env: 'staging',
    location: 'northeurope',
    version: '1.31.7',
    group: 'staging',
    oldFlowSchema: true,
  },
  {
    name: 'aks-shop-prod-weu',
    env: 'prod',
    location: 'westeurope',
    version: '1.30.12',
    group: 'prod-eu',
  },
  {
    name: 'aks-pay-prod-weu',
    env: 'prod',
    location: 'westeurope',
    version: '1.30.12',
    group: 'prod-eu',
  },
  {
    name: 'aks-shop-prod-neu',
    env: 'prod',
    location: 'northeurope',
    version: '1.31.8',
    group: 'prod-eu',
  },
  {
    name: 'aks-shop-prod-eus',
    env: 'prod',
    location: 'eastus',
    version: '1.30.12',
    group: 'prod-us',
  },
  {
    name: 'aks-pay-prod-eus',
    env: 'prod',
    location: 'eastus',
    version: '1.31.8',
    group: 'prod-us',
  },
  {
    name: 'aks-legacy-prod',
    env: 'prod',
    location: 'eastus',
    version: '1.29.15',
    imagesBehind: true,
  },
];

/** The regions still offer 1.29 (out of the N-2 support window) beside the shared versions. */
const FLEET_VERSIONS = REGION_VERSIONS.replace(
  'kubernetesVersions:\n',
  'kubernetesVersions:\n  - version: "1.29"\n    patches: [1.29.15]\n',
);

function subscriptionOf(c: ClusterSketch): string {
  return c.env === 'prod' ? FLEET_SUBSCRIPTIONS.prod : FLEET_SUBSCRIPTIONS.nonprod;
}

/** The descriptor of one cluster; prod clusters are private or IP-limited with Entra and Defender. */
function descriptor(c: ClusterSketch): string {
  const prod = c.env === 'prod';
  const image = c.imagesBehind ? IMAGES.ubuntu : IMAGES.ubuntuLatest;
  const access = prod
    ? `  apiServerAccessProfile:\n    authorizedIPRanges: [203.0.113.0/24]\n  defender:\n    enabled: true\n    logAnalyticsWorkspaceResourceId: /subscriptions/${subscriptionOf(c)}/resourceGroups/rg-monitor/providers/Microsoft.OperationalInsights/workspaces/law-prod\n  disableLocalAccounts: true\n`
    : '';
  // none: the fleet sequence upgrades the control plane first, which AKS refuses with a version
  // auto-upgrade channel on (dev once had patch).
  const channel = 'none';
  const pdbPool = c.strictPdb
    ? `      upgradeSettings:\n        maxSurge: "1"\n        drainTimeoutInMinutes: 5\n`
    : `      upgradeSettings:\n        maxSurge: 50%\n`;
  return `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
description: ${c.env} cluster ${c.name} of the fleet scenario
cluster:
  subscriptionId: ${subscriptionOf(c)}
  resourceGroup: rg-${c.env}-${c.location}
  name: ${c.name}
  location: ${c.location}
  kubernetesVersion: ${c.version}
  tags:
    env: ${c.env}
  aadProfile:
    managed: true
    enableAzureRBAC: ${prod}
    adminGroupObjectIDs: [${ADMIN_GROUP}]
${access}  autoUpgradeProfile:
    upgradeChannel: ${channel}
    nodeOSUpgradeChannel: ${prod ? 'NodeImage' : 'Unmanaged'}
  pools:
    - name: system
      mode: System
      count: 2
      orchestratorVersion: ${c.version}
      nodeImageVersion: ${image}
      latestNodeImageVersion: ${IMAGES.ubuntuLatest}
${pdbPool}${FLEET_VERSIONS}operator:
  user: operator@contoso.com
  groups: [${ADMIN_GROUP}]
clockSpeed: 60
${c.oldFlowSchema ? 'deprecatedApis:\n  serve: true\n' : ''}`;
}

/** A FlowSchema applied as flowcontrol v1beta3 (1.32 removes it), as kubectl records it. */
const OLD_FLOW_SCHEMA = `apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
kind: FlowSchema
metadata:
  name: batch-low
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '${JSON.stringify({
      apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3',
      kind: 'FlowSchema',
      metadata: { name: 'batch-low' },
    })}'
spec:
  matchingPrecedence: 9000
  priorityLevelConfiguration:
    name: workload-low
`;

function filesOf(c: ClusterSketch): Array<{ name: string; text: string }> {
  const files = [{ name: `fleet/${c.name}/cluster.yaml`, text: descriptor(c) }];
  if (c.strictPdb) files.push({ name: `fleet/${c.name}/ledger.yaml`, text: LEDGER_OBJECTS });
  if (c.oldFlowSchema)
    files.push({ name: `fleet/${c.name}/flowschema.yaml`, text: OLD_FLOW_SCHEMA });
  return files;
}

/** The fleet over the ten member clusters, with a dev -> staging -> prod update strategy. */
function contosoFleet(): FleetSpec {
  return {
    subscriptionId: FLEET_SUBSCRIPTIONS.prod,
    resourceGroup: 'rg-fleet',
    name: 'fleet-contoso',
    location: 'westeurope',
    members: CLUSTERS.filter((c) => c.group !== undefined).map((c) => ({
      name: c.name.replace(/^aks-/, ''),
      subscriptionId: subscriptionOf(c),
      resourceGroup: `rg-${c.env}-${c.location}`,
      cluster: c.name,
      group: c.group!,
    })),
    strategies: [
      {
        name: 'dev-staging-prod',
        stages: [
          { name: 'dev', groups: ['dev'], afterStageWaitInSeconds: 300 },
          { name: 'staging', groups: ['staging'], afterStageWaitInSeconds: 600 },
          { name: 'prod', groups: ['prod-eu', 'prod-us'] },
        ],
      },
    ],
  };
}

/**
 * Twelve clusters in two subscriptions (dev and staging apart from prod), mixed versions and node
 * images, one Fleet Manager fleet of ten members in dev/staging/prod update groups; the staging
 * payments cluster has a PDB that blocks every drain.
 */
export function fleet(): BuiltInScenario {
  const [first, ...rest] = CLUSTERS.map((c) => ({ name: c.name, files: filesOf(c) }));
  return { files: first!.files, members: rest, fleets: [contosoFleet()] };
}
