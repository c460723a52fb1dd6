/** Shapes of the RBAC objects, as the API server returns them: the fields the checks use. */
import type { LabelSelector } from './label-selector.js';

/** Object metadata the checks look at. */
export interface RbacMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
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

/** A ServiceAccount, by namespace and name (all the rbac checks read of one). */
export interface ServiceAccountName {
  namespace: string;
  name: string;
}

/** Which kind of binding, with its namespace when it is a RoleBinding. */
export type BindingKind = 'RoleBinding' | 'ClusterRoleBinding';
