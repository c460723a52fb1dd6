import type { Binding, PolicyRule, RbacFacts } from './types.js';

/**
 * The rules a binding grants, or undefined when its role does not exist (the binding is dormant
 * until someone creates it). ClusterRoles are read as stored, i.e. with the rules the aggregation
 * controller materialised, which is what the authorizer uses.
 */
export function rulesOfBinding(facts: RbacFacts, b: Binding): PolicyRule[] | undefined {
  const ref = b.object.roleRef;
  const role =
    ref.kind === 'Role'
      ? facts.roles.find(
          (r) => r.metadata?.name === ref.name && r.metadata?.namespace === b.namespace,
        )
      : facts.clusterRoles.find((r) => r.metadata?.name === ref.name);
  return role ? (role.rules ?? []) : undefined;
}
