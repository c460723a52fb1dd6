import { SessionStore } from '../../src/runbook/session.js';
import { type SessionMode } from '../../src/model/session.js';
import type { ClusterSummary } from '../../src/model/cluster-summary.js';

/** A cluster as ARM and Kubernetes would describe it, for the card and the header. */
export function sampleCluster(overrides: Partial<ClusterSummary> = {}): ClusterSummary {
  return {
    name: 'aks-prod-weu',
    resourceGroup: 'rg-platform',
    subscriptionId: '00000000-0000-0000-0000-000000000000',
    location: 'westeurope',
    serverVersion: 'v1.30.4',
    kubernetesVersion: '1.30.4',
    pools: [
      {
        name: 'system',
        mode: 'System',
        osType: 'Linux',
        osSku: 'Ubuntu',
        count: 3,
        orchestratorVersion: '1.30.4',
      },
      { name: 'win', mode: 'User', osType: 'Windows', count: 2, orchestratorVersion: '1.29.7' },
    ],
    nodeCount: 5,
    readyNodeCount: 4,
    entraId: true,
    azureRbac: true,
    networkPolicy: 'calico',
    networkPlugin: 'azure',
    defender: false,
    source: 'arm+kube',
    kubeServer: 'https://aks-prod-weu.hcp.westeurope.azmk8s.io:443',
    ...overrides,
  };
}

const QUIET: SessionMode = { readOnly: false, dryRun: false, demo: false };

/** A store already connected to `sampleCluster()`. */
export function connectedStore(
  options: { mode?: Partial<SessionMode>; cluster?: ClusterSummary; armMissing?: string } = {},
): SessionStore {
  const store = new SessionStore({ ...QUIET, ...options.mode });
  store.update({
    connection: {
      phase: 'connected',
      cluster: options.cluster ?? sampleCluster(),
      ...(options.armMissing ? { armMissing: options.armMissing } : {}),
    },
  });
  return store;
}
