import type { EngineFacts } from '../../../src/checks/imds/engine.js';

// The policy engines as ARM reports them for one cluster (networkProfile), for hand-written facts.

/** An engine read from ARM. */
type Known = Extract<EngineFacts, { known: true }>;

/** Azure CNI powered by Cilium: Cilium enforces NetworkPolicies and its own policies. */
export const CILIUM: Known = {
  known: true,
  networkPlugin: 'azure',
  networkPolicy: 'cilium',
  networkDataplane: 'cilium',
  resourceGroup: 'rg',
  cluster: 'aks',
};
/** Calico: NetworkPolicies at order 1000 among Calico's own. */
export const CALICO: Known = {
  known: true,
  networkPlugin: 'azure',
  networkPolicy: 'calico',
  resourceGroup: 'rg',
  cluster: 'aks',
};
/** Azure Network Policy Manager. */
export const NPM: Known = { ...CALICO, networkPolicy: 'azure' };
/** No Azure read: the engine is not known. */
export const UNKNOWN_ENGINE: EngineFacts = { known: false, why: 'kubeconfig only' };
