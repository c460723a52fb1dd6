import { OUR_POLICY_NAME } from '../../checks/imds/facts.js';
import { describeKubeError } from '../../kube/errors.js';
import type { ImdsContext as StepContext } from './session.js';

/** Why our policy was left alone in a namespace: one of its name is there and differs. */
export function differsWords(differences: readonly string[]): string {
  return `${OUR_POLICY_NAME} already exists and differs: ${differences.join('; ')}; nothing was overwritten`;
}

/** Why creating (or dry-running) our policy in `ns` failed, in the operator's words. */
export function createFailedWords(ctx: StepContext, ns: string, error: unknown): string {
  return describeKubeError(error, ctx.connection.kubeServer, `create a NetworkPolicy in ${ns}`)
    .message;
}
