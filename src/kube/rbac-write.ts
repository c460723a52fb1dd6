import {
  RbacAuthorizationV1Api,
  type KubeConfig,
  type V1ClusterRoleBinding,
} from '@kubernetes/client-node';
import type { BindingObject, BindingKind } from '../model/rbac.js';

/** Where a binding lives. */
export interface BindingAddress {
  kind: BindingKind;
  namespace?: string;
  name: string;
}

function api(kc: KubeConfig): RbacAuthorizationV1Api {
  return kc.makeApiClient(RbacAuthorizationV1Api);
}

const dry = (dryRun: boolean) => (dryRun ? { dryRun: 'All' } : {});

/** Creates a binding; with `dryRun` the API server validates and answers without storing it. */
export async function createBinding(
  kc: KubeConfig,
  kind: BindingKind,
  body: BindingObject,
  dryRun: boolean,
): Promise<BindingObject> {
  const binding = body as V1ClusterRoleBinding;
  if (kind === 'ClusterRoleBinding')
    return (await api(kc).createClusterRoleBinding({
      body: binding,
      ...dry(dryRun),
    })) as BindingObject;
  const namespace = body.metadata?.namespace ?? '';
  return (await api(kc).createNamespacedRoleBinding({
    namespace,
    body: binding,
    ...dry(dryRun),
  })) as BindingObject;
}

/** Reads one binding. */
export async function readBinding(kc: KubeConfig, at: BindingAddress): Promise<BindingObject> {
  if (at.kind === 'ClusterRoleBinding')
    return (await api(kc).readClusterRoleBinding({ name: at.name })) as BindingObject;
  return (await api(kc).readNamespacedRoleBinding({
    name: at.name,
    namespace: at.namespace ?? '',
  })) as BindingObject;
}

/** Replaces a binding (its resourceVersion guards against a concurrent change). */
export async function replaceBinding(
  kc: KubeConfig,
  at: BindingAddress,
  body: BindingObject,
  dryRun: boolean,
): Promise<BindingObject> {
  const binding = body as V1ClusterRoleBinding;
  if (at.kind === 'ClusterRoleBinding')
    return (await api(kc).replaceClusterRoleBinding({
      name: at.name,
      body: binding,
      ...dry(dryRun),
    })) as BindingObject;
  return (await api(kc).replaceNamespacedRoleBinding({
    name: at.name,
    namespace: at.namespace ?? '',
    body: binding,
    ...dry(dryRun),
  })) as BindingObject;
}

/** Which object a delete may remove: the API server answers 409 when the stored one differs. */
export interface DeletePreconditions {
  uid?: string;
  resourceVersion?: string;
}

/**
 * Deletes a binding; with `preconditions` only the object of that uid and resourceVersion
 * (DeleteOptions.preconditions), so a change since it was read is refused with a 409.
 */
export async function deleteBinding(
  kc: KubeConfig,
  at: BindingAddress,
  dryRun: boolean,
  preconditions?: DeletePreconditions,
): Promise<void> {
  const body = preconditions ? { body: { preconditions } } : {};
  if (at.kind === 'ClusterRoleBinding')
    await api(kc).deleteClusterRoleBinding({ name: at.name, ...dry(dryRun), ...body });
  else
    await api(kc).deleteNamespacedRoleBinding({
      name: at.name,
      namespace: at.namespace ?? '',
      ...dry(dryRun),
      ...body,
    });
}
