import { CoreV1Api, PolicyV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { WatchedKind } from './watch-list.js';

// The kinds the session follows with one shared watch each. The list before a watch asks for one
// item: only its resourceVersion is wanted (30,000 pods are not read to learn a number).

/** Nodes, pods and PodDisruptionBudgets, cluster-wide. */
export const WATCHED_KINDS = {
  nodes: {
    what: 'nodes',
    path: '/api/v1/nodes',
    version: async (kc: KubeConfig) =>
      (await kc.makeApiClient(CoreV1Api).listNode({ limit: 1 })).metadata?.resourceVersion,
  },
  pods: {
    what: 'pods',
    path: '/api/v1/pods',
    version: async (kc: KubeConfig) =>
      (await kc.makeApiClient(CoreV1Api).listPodForAllNamespaces({ limit: 1 })).metadata
        ?.resourceVersion,
  },
  pdbs: {
    what: 'PodDisruptionBudgets',
    path: '/apis/policy/v1/poddisruptionbudgets',
    version: async (kc: KubeConfig) =>
      (await kc.makeApiClient(PolicyV1Api).listPodDisruptionBudgetForAllNamespaces({ limit: 1 }))
        .metadata?.resourceVersion,
  },
} satisfies Record<string, WatchedKind>;

/** A kind the session follows. */
export type WatchedKindName = keyof typeof WATCHED_KINDS;
