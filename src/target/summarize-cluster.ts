import type { AgentPool, ManagedCluster } from '@azure/arm-containerservice';
import type { V1Node } from '@kubernetes/client-node';
import type { ClusterSummary, PoolSummary } from '../model/cluster-summary.js';
import type { ArmCoordinates } from '../model/arm.js';
import { isNodeReady } from '../kube/nodes.js';
import { entraModeOf } from '../checks/access/entra-mode.js';

/** What connect gathered: always the Kubernetes side, the ARM side when it is reachable. */
export interface ConnectFacts {
  arm?: { cluster: ManagedCluster; pools: AgentPool[]; at: ArmCoordinates };
  serverVersion: string;
  nodes: V1Node[];
  kubeServer: string;
  /** Cluster name when ARM is absent (the kubeconfig context). */
  contextName: string;
}

/** The cluster's name on its card (ARM's, else the context's): known before Kubernetes is read. */
export function clusterNameOf(facts: Pick<ConnectFacts, 'arm' | 'contextName'>): string {
  return facts.arm ? (facts.arm.cluster.name ?? facts.arm.at.name) : facts.contextName;
}

/** Builds the cluster card from the facts; pure. Without ARM, pools are read off node labels. */
export function summarizeCluster(facts: ConnectFacts): ClusterSummary {
  const ready = facts.nodes.filter(isNodeReady).length;
  const base = {
    serverVersion: facts.serverVersion,
    nodeCount: facts.nodes.length,
    readyNodeCount: ready,
    kubeServer: facts.kubeServer,
  };
  if (!facts.arm) {
    return {
      ...base,
      name: clusterNameOf(facts),
      pools: poolsFromNodes(facts.nodes),
      source: 'kube-only',
    };
  }
  const { cluster, pools, at } = facts.arm;
  const uncounted = uncountedNodes(facts.nodes, pools);
  return {
    ...base,
    ...(uncounted ? { uncounted } : {}),
    name: clusterNameOf(facts),
    resourceGroup: at.resourceGroup,
    subscriptionId: at.subscriptionId,
    location: cluster.location,
    kubernetesVersion: cluster.currentKubernetesVersion ?? cluster.kubernetesVersion,
    pools: pools.map(poolFromArm).sort((a, b) => a.name.localeCompare(b.name)),
    entraId: entraModeOf(cluster.aadProfile) === 'managed',
    azureRbac: cluster.aadProfile?.enableAzureRbac === true,
    networkPolicy: cluster.networkProfile?.networkPolicy ?? 'none',
    networkPlugin: cluster.networkProfile?.networkPlugin,
    defender: cluster.securityProfile?.defender?.securityMonitoring?.enabled === true,
    provisioningState: cluster.provisioningState,
    source: 'arm+kube',
  };
}

function poolFromArm(p: AgentPool): PoolSummary {
  return {
    name: p.name ?? '?',
    mode: p.mode ?? 'User',
    osType: p.osType ?? 'Linux',
    osSku: p.osSKU,
    count: p.count ?? 0,
    orchestratorVersion: p.currentOrchestratorVersion ?? p.orchestratorVersion ?? '?',
    nodeImageVersion: p.nodeImageVersion,
    provisioningState: p.provisioningState,
  };
}

const POOL_LABEL = 'kubernetes.azure.com/agentpool';

function poolOfNode(node: V1Node): string | undefined {
  const labels = node.metadata?.labels ?? {};
  return labels[POOL_LABEL] ?? labels['agentpool'];
}

/** The nodes ARM's pool counts leave out, so the card can say why its totals differ. */
function uncountedNodes(
  nodes: readonly V1Node[],
  pools: readonly AgentPool[],
): ClusterSummary['uncounted'] {
  const counts = new Map(pools.map((p) => [(p.name ?? '').toLowerCase(), p.count ?? 0]));
  const listed = new Map<string, number>();
  let outside = 0;
  for (const node of nodes) {
    const pool = poolOfNode(node)?.toLowerCase();
    if (pool === undefined || !counts.has(pool)) outside++;
    else listed.set(pool, (listed.get(pool) ?? 0) + 1);
  }
  let surge = 0;
  for (const [pool, seen] of listed) surge += Math.max(0, seen - counts.get(pool)!);
  return surge + outside > 0 ? { surge, outside } : undefined;
}

function poolsFromNodes(nodes: V1Node[]): PoolSummary[] {
  const byPool = new Map<string, PoolSummary>();
  for (const node of nodes) {
    const labels = node.metadata?.labels ?? {};
    const name = poolOfNode(node) ?? '(no pool label)';
    const known = byPool.get(name);
    if (known) {
      known.count++;
      continue;
    }
    const pool: PoolSummary = {
      name,
      mode: capitalize(labels['kubernetes.azure.com/mode'] ?? 'unknown'),
      osType: capitalize(
        labels['kubernetes.io/os'] ?? node.status?.nodeInfo?.operatingSystem ?? '?',
      ),
      count: 1,
      orchestratorVersion: (node.status?.nodeInfo?.kubeletVersion ?? '?').replace(/^v/, ''),
      nodeImageVersion: labels['kubernetes.azure.com/node-image-version'],
    };
    byPool.set(name, pool);
  }
  return [...byPool.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function capitalize(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}
