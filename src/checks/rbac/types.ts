/** Shapes of the RBAC objects the checks read: the fields they use, as the API server returns them. */
import type {
  BindingKind,
  BindingObject,
  RbacObjects,
  ServiceAccountName,
} from '../../model/rbac.js';

/** Everything the rbac checks need, read from the cluster. */
export interface RbacFacts extends RbacObjects {
  /**
   * Lists the API server refused (403), e.g. `clusterrolebindings` or `serviceaccounts`: never
   * treated as empty.
   */
  forbidden: string[];
  /**
   * The ServiceAccounts that exist; absent when not read (refused: `forbidden` names
   * `serviceaccounts`), and then only those the bindings name, and `default`, are known.
   */
  serviceAccounts?: ServiceAccountName[];
  /** What the cluster itself says about AKS's own bindings (from ARM and the API server). */
  cluster?: ClusterContext;
  /**
   * Each namespace's `pod-security.kubernetes.io/enforce` label, when the namespaces were read (a
   * namespace without the label is absent). Undefined: not read, so none counts as enforcing.
   */
  podSecurityEnforce?: Record<string, string>;
}

/** Cluster facts the exclusion table needs; absent parts are unknown (e.g. no ARM access). */
export interface ClusterContext {
  /** `major.minor[.patch]` of the API server. */
  kubernetesVersion?: string;
  /** `aadProfile.adminGroupObjectIDs` of the managed cluster, when ARM could be read. */
  adminGroupObjectIDs?: string[];
}

/** A binding with its kind made explicit, as the checks walk them. */
export interface Binding {
  kind: BindingKind;
  namespace?: string;
  name: string;
  object: BindingObject;
}

/** Every binding of the facts, cluster-wide ones first. */
export function allBindings(facts: RbacFacts): Binding[] {
  return [
    ...facts.clusterRoleBindings.map((object): Binding => ({
      kind: 'ClusterRoleBinding',
      name: object.metadata?.name ?? '',
      object,
    })),
    ...facts.roleBindings.map((object): Binding => ({
      kind: 'RoleBinding',
      namespace: object.metadata?.namespace ?? '',
      name: object.metadata?.name ?? '',
      object,
    })),
  ];
}

/** `ClusterRoleBinding/x` or `RoleBinding/ns/x`, the way findings and the journal name a binding. */
export function bindingLabel(b: { kind: BindingKind; namespace?: string; name: string }): string {
  return b.namespace ? `${b.kind}/${b.namespace}/${b.name}` : `${b.kind}/${b.name}`;
}
