import { selectorMatches } from '../label-selector.js';
import { namespaceRules } from './cluster-scoped.js';
import type { LabelSelector } from '../../model/label-selector.js';
import type { Binding } from './types.js';
import type { PolicyRule, RbacObjects, RoleObject, RoleRef } from '../../model/rbac.js';

/**
 * Looks up roles and gives the rules each grants. An aggregated ClusterRole (one with an
 * `aggregationRule`) grants its stored rules (what the authorizer uses now) plus the rules of
 * every ClusterRole its selectors pick (what the aggregation controller will store next): the
 * stored copy may be stale, and a right that is about to appear is a right to report.
 */
export class RoleBook {
  private readonly clusterRoles = new Map<string, RoleObject>();
  private readonly roles = new Map<string, RoleObject>();
  private readonly resolved = new Map<string, PolicyRule[]>();

  constructor(objects: Pick<RbacObjects, 'roles' | 'clusterRoles'>) {
    for (const r of objects.clusterRoles) this.clusterRoles.set(r.metadata?.name ?? '', r);
    for (const r of objects.roles)
      this.roles.set(`${r.metadata?.namespace ?? ''}/${r.metadata?.name ?? ''}`, r);
  }

  /**
   * The rules a role reference grants in a binding of `namespace` ('' for a ClusterRoleBinding),
   * or undefined when the role does not exist (or a ClusterRoleBinding names a Role).
   */
  rulesOf(ref: RoleRef, namespace: string): PolicyRule[] | undefined {
    if (ref.kind === 'ClusterRole') return this.clusterRoleRules(ref.name);
    if (ref.kind !== 'Role' || namespace === '') return undefined;
    const role = this.roles.get(`${namespace}/${ref.name}`);
    return role ? (role.rules ?? []) : undefined;
  }

  /** The rules a binding grants (see `rulesOf`). */
  rulesOfBinding(b: Binding): PolicyRule[] | undefined {
    return this.rulesOf(b.object.roleRef, b.kind === 'RoleBinding' ? (b.namespace ?? '') : '');
  }

  /**
   * The rules a binding makes effective: a ClusterRoleBinding all of its role's, a RoleBinding
   * those on namespaced resources only (see `namespaceRules`).
   */
  effectiveRulesOfBinding(b: Binding): PolicyRule[] | undefined {
    const rules = this.rulesOfBinding(b);
    return rules && b.kind === 'RoleBinding' ? namespaceRules(rules) : rules;
  }

  /** The rules of the Role `namespace/name`, as a one-element list, or [] when it does not exist. */
  rolesNamed(name: string, namespace: string): PolicyRule[][] {
    const role = this.roles.get(`${namespace}/${name}`);
    return role ? [role.rules ?? []] : [];
  }

  /** A ClusterRole by name. */
  clusterRole(name: string): RoleObject | undefined {
    return this.clusterRoles.get(name);
  }

  /** The rules of a ClusterRole with its aggregation resolved, or undefined if it does not exist. */
  clusterRoleRules(name: string): PolicyRule[] | undefined {
    if (!this.clusterRoles.has(name)) return undefined;
    return this.aggregate(name, new Set());
  }

  private aggregate(name: string, visiting: Set<string>): PolicyRule[] {
    const done = this.resolved.get(name);
    if (done) return done;
    const role = this.clusterRoles.get(name)!;
    const rules = [...(role.rules ?? [])];
    const selectors = role.aggregationRule?.clusterRoleSelectors;
    if (selectors && !visiting.has(name)) {
      visiting.add(name);
      for (const [other, otherRole] of this.clusterRoles) {
        if (other === name || !selectors.some((s) => picks(s, otherRole))) continue;
        rules.push(...this.aggregate(other, visiting));
      }
      visiting.delete(name);
    }
    // A role inside a cycle is cached only by the outermost call, once its cycle is complete.
    if (visiting.size === 0) this.resolved.set(name, rules);
    return rules;
  }
}

// The controller turns each selector into a label selector the way apimachinery does: an empty
// selector (no matchLabels, no matchExpressions) selects every ClusterRole.
function picks(selector: LabelSelector, role: RoleObject): boolean {
  const labels = role.metadata?.labels ?? {};
  return selectorMatches(selector, labels);
}
