import { readSimConnection } from '../sim/connection-file.js';
import { loadKubeconfig } from '../target/kubeconfig.js';
import { armCoordinates, type TargetOptions } from '../target/options.js';

/**
 * Checks what can be checked without the network: the kubeconfig and context, or the simulator
 * connection file. Throws the same one-line `UserError` connect would.
 */
export async function checkTargetOffline(
  target: TargetOptions,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  if (target.demo) return;
  if (target.simConnection) {
    await readSimConnection(target.simConnection);
    return;
  }
  // Only a subscription: the cluster is picked from its list later, online.
  if (target.subscription && !target.resourceGroup && !target.name) return;
  if (target.kubeconfig || target.context || !armCoordinates(target)) {
    loadKubeconfig({ file: target.kubeconfig, context: target.context }, env);
  }
}
