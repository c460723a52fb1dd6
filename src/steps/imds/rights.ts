import { canI, describeAccess } from '../../kube/access-review.js';
import { type AccessQuestion } from '../../model/access.js';
import type { KubeConfig } from '@kubernetes/client-node';

/** What the operator may do with NetworkPolicies in one namespace; reasons when not. */
export interface NamespaceRights {
  create?: string;
  delete?: string;
  patch?: string;
}

const ask = (verb: string, namespace?: string): AccessQuestion => ({
  verb,
  resource: 'networkpolicies',
  group: 'networking.k8s.io',
  ...(namespace ? { namespace } : {}),
});

async function refusal(kc: KubeConfig, q: AccessQuestion): Promise<string | undefined> {
  const answer = await canI(kc, q);
  return answer.allowed ? undefined : `you may not ${describeAccess(q)}`;
}

/**
 * Asks once cluster-wide per verb (create, delete, patch); only when that is refused, asks per namespace (a few at a time),
 * so a cluster admin costs three reviews and a namespace-scoped operator gets exact answers.
 */
export async function networkPolicyRights(
  kc: KubeConfig,
  namespaces: readonly string[],
): Promise<Map<string, NamespaceRights>> {
  const rights = new Map<string, NamespaceRights>(namespaces.map((ns) => [ns, {}]));
  for (const verb of ['create', 'delete', 'patch'] as const) {
    if ((await refusal(kc, ask(verb))) === undefined) continue;
    const queue = [...namespaces];
    const worker = async () => {
      for (let ns = queue.shift(); ns !== undefined; ns = queue.shift()) {
        const why = await refusal(kc, ask(verb, ns));
        if (why) rights.get(ns)![verb] = why;
      }
    };
    await Promise.all(Array.from({ length: Math.min(8, queue.length) }, worker));
  }
  return rights;
}
