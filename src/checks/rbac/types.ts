/** Shapes of the RBAC objects the checks read: the fields they use, as the API server returns them. */
import type { LabelSelector } from '../imds/selector.js';

/** Object metadata the checks look at. */
export interface RbacMeta {
  name?: string;
  namespace?: string;
  labels?: { [key: string]: string };
  annotations?: { [key: string]: string };
}

/** One rule of a Role or ClusterRole. */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** A ClusterRole's aggregation: the roles whose rules it collects, by label. */
export interface AggregationRule {
  clusterRoleSelectors?: LabelSelector[];
}

/** A Role or ClusterRole. */
export interface RoleObject {
  metadata?: RbacMeta;
  rules?: PolicyRule[];
  aggregationRule?: AggregationRule;
}

/** Who a binding grants to. */
export interface Subject {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

/** The role a binding grants (immutable once created). */
export interface RoleRef {
  apiGroup: string;
  kind: string;
  name: string;
}

/** A RoleBinding or ClusterRoleBinding. */
export interface BindingObject {
  apiVersion?: string;
  kind?: string;
  metadata?: RbacMeta;
  roleRef: RoleRef;
  subjects?: Subject[];
}

/** The four kinds of RBAC objects, as listed from the cluster. */
export interface RbacObjects {
  roleBindings: BindingObject[];
  clusterRoleBindings: BindingObject[];
  roles: RoleObject[];
  clusterRoles: RoleObject[];
}

/** Everything the rbac checks need, read from the cluster. */
export interface RbacFacts extends RbacObjects {
  /** Lists the API server refused (403), e.g. `clusterrolebindings`: never treated as empty. */
  forbidden: string[];
  /** What the cluster itself says about AKS's own bindings (from ARM and the API server). */
  cluster?: ClusterContext;
}

/** Cluster facts the exclusion table needs; absent parts are unknown (e.g. no ARM access). */
export interface ClusterContext {
  /** `major.minor[.patch]` of the API server. */
  kubernetesVersion?: string;
  /** `aadProfile.adminGroupObjectIDs` of the managed cluster, when ARM could be read. */
  adminGroupObjectIDs?: string[];
}

/** Which kind of binding, with its namespace when it is a RoleBinding. */
export type BindingKind = 'RoleBinding' | 'ClusterRoleBinding';

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
