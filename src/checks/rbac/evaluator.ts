import { asServed } from './cluster-scoped.js';
import { subjectApplies, type Identity } from './identity.js';
import { isNonResource, ruleAllows, type AccessRequest } from './match.js';
import { RoleBook } from './roles.js';
import { allBindings, type Binding } from './types.js';
import { type PolicyRule, type RbacObjects } from '../../model/rbac.js';

/**
 * Effective rights from RBAC objects, decided the way the API server's RBAC authorizer decides:
 * a request is allowed when some rule of some role bound to the identity allows it. Cluster-wide
 * bindings apply everywhere; a RoleBinding applies only to requests in its own namespace (so a
 * ClusterRole bound by a RoleBinding grants its rules in that namespace only, and never on
 * cluster-scoped resources, non-resource URLs or across all namespaces: a request is asked in
 * the namespace the API server would give it, see `asServed`). Pure: no I/O.
 */
export class RbacEvaluator {
  /** The roles, with aggregated ClusterRoles resolved. */
  readonly roles: RoleBook;
  private readonly cluster: Binding[];
  private readonly byNamespace = new Map<string, Binding[]>();
  private groups: string[] | undefined;

  constructor(objects: RbacObjects) {
    this.roles = new RoleBook(objects);
    const bindings = allBindings({ ...objects, forbidden: [] });
    this.cluster = bindings.filter((b) => b.kind === 'ClusterRoleBinding');
    for (const b of bindings) {
      if (b.kind !== 'RoleBinding') continue;
      const ns = b.namespace ?? '';
      this.byNamespace.set(ns, [...(this.byNamespace.get(ns) ?? []), b]);
    }
  }

  /** Every group a binding names (each once): who may be in them is not in RBAC. */
  groupSubjects(): string[] {
    if (!this.groups) {
      const all = [...this.cluster, ...[...this.byNamespace.values()].flat()];
      const groups = all.flatMap((b) =>
        (b.object.subjects ?? []).filter((s) => s.kind === 'Group').map((s) => s.name),
      );
      this.groups = [...new Set(groups)];
    }
    return this.groups;
  }

  /**
   * Whether `id` may make `request`. With `via`, only those bindings count: "does this binding
   * give the subject that right?" (it still applies only where the binding applies).
   */
  can(id: Identity, request: AccessRequest, via?: readonly Binding[]): boolean {
    const served = isNonResource(request) ? request : asServed(request);
    const namespace = isNonResource(served) ? '' : (served.namespace ?? '');
    return this.rulesFor(id, namespace, via).some((rule) => ruleAllows(rule, served));
  }

  /** Every rule that applies to `id` for requests in `namespace` ('' = cluster scope). */
  rulesFor(id: Identity, namespace: string, via?: readonly Binding[]): PolicyRule[] {
    const bindings = via
      ? via.filter(
          (b) => b.kind === 'ClusterRoleBinding' || (namespace && b.namespace === namespace),
        )
      : [...this.cluster, ...(namespace ? (this.byNamespace.get(namespace) ?? []) : [])];
    const rules: PolicyRule[] = [];
    for (const b of bindings) {
      const bindingNs = b.kind === 'RoleBinding' ? (b.namespace ?? '') : '';
      if (!(b.object.subjects ?? []).some((s) => subjectApplies(s, id, bindingNs))) continue;
      rules.push(...(this.roles.effectiveRulesOfBinding(b) ?? []));
    }
    return rules;
  }
}
