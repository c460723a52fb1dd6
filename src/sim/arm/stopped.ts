import type { SimRequest, SimResponse } from '../http.js';
import { armError } from '../server.js';
import type { ClusterState } from './state.js';

/** ARM actions AKS still takes on a stopped cluster: reads, credentials, and starting it. */
const ALLOWED_WHILE_STOPPED = /\/(listClusterUserCredential|listClusterAdminCredential|start)$/i;

/**
 * A stopped cluster as AKS has it: the API server is gone (connections drop unanswered) and the
 * resource provider refuses changes until the cluster is started again.
 */
export function stoppedClusterAnswer(
  cluster: ClusterState,
  req: SimRequest,
  api: 'arm' | 'kube' | 'graph' | 'none',
): SimResponse | 'reset' | undefined {
  if (cluster.powerState !== 'Stopped') return undefined;
  if (api === 'kube') return 'reset';
  const write = req.method !== 'GET' && req.method !== 'HEAD';
  if (api !== 'arm' || !write || ALLOWED_WHILE_STOPPED.test(req.path)) return undefined;
  if (!req.path.toLowerCase().includes(`/managedclusters/${cluster.name.toLowerCase()}`)) {
    return undefined;
  }
  return armError(
    400,
    'OperationNotAllowed',
    `Operation is not allowed because the managed cluster '${cluster.name}' is stopped. Start it (az aks start) and try again.`,
  );
}
