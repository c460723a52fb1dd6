import { describeAccess } from '../../kube/access-review.js';
import { type AccessQuestion } from '../../model/access.js';
import type { OperatorRights } from '../../model/rights.js';

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

async function refusal(rights: OperatorRights, q: AccessQuestion): Promise<string | undefined> {
  const answer = await rights.ask(q);
  return answer.allowed ? undefined : `you may not ${describeAccess(q)}`;
}

/**
 * Asks once cluster-wide per verb (create, delete, patch); only when that is refused, asks per namespace (a few at a time),
 * so a cluster admin costs three reviews and a namespace-scoped operator gets exact answers.
 */
export async function networkPolicyRights(
  operator: OperatorRights,
  namespaces: readonly string[],
): Promise<Map<string, NamespaceRights>> {
  const rights = new Map<string, NamespaceRights>(namespaces.map((ns) => [ns, {}]));
  for (const verb of ['create', 'delete', 'patch'] as const) {
    if ((await refusal(operator, ask(verb))) === undefined) continue;
    const queue = [...namespaces];
    const worker = async () => {
      for (let ns = queue.shift(); ns !== undefined; ns = queue.shift()) {
        const why = await refusal(operator, ask(verb, ns));
        if (why) rights.get(ns)![verb] = why;
      }
    };
    await Promise.all(Array.from({ length: Math.min(8, queue.length) }, worker));
  }
  return rights;
}
