import type { KubeObject } from '../contracts.js';
import type { AksDescriptor } from '../scenario.js';

/**
 * The binding AKS itself keeps on an Entra ID cluster: the admin groups named in
 * `aadProfile.adminGroupObjectIDs` get cluster-admin, reconciled by the addon manager.
 */
export function managedAdminBindings(descriptor: AksDescriptor): KubeObject[] {
  const aad = descriptor.cluster.aadProfile;
  const groups = aad?.managed ? (aad.adminGroupObjectIDs ?? []) : [];
  if (groups.length === 0) return [];
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: {
        name: 'aks-cluster-admin-binding-aad',
        labels: {
          'addonmanager.kubernetes.io/mode': 'Reconcile',
          'kubernetes.io/cluster-service': 'true',
        },
      },
      subjects: groups.map((name) => ({
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Group',
        name,
      })),
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'cluster-admin',
      },
    },
  ];
}
