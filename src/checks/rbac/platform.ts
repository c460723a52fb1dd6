import { anonymousSubject } from './subjects.js';
import type { Binding, RbacMeta, Subject } from './types.js';

/** Label Kubernetes puts on the RBAC objects it creates and reconciles at every start. */
const BOOTSTRAP = ['kubernetes.io/bootstrapping', 'rbac-defaults'] as const;
/** Label of objects AKS's addon manager owns and puts back when edited. */
const AKS_RECONCILE = ['addonmanager.kubernetes.io/mode', 'Reconcile'] as const;

/** The AKS binding that grants cluster-admin to the Entra admin groups of the cluster. */
export const AKS_ADMIN_GROUP_BINDING = 'aks-cluster-admin-binding-aad';

function hasLabel(meta: RbacMeta | undefined, [key, value]: readonly [string, string]): boolean {
  return meta?.labels?.[key] === value;
}

/** A Kubernetes identity rather than a person or workload: `system:` users and groups. */
export function isSystemSubject(s: Subject): boolean {
  return s.kind !== 'ServiceAccount' && s.name.startsWith('system:');
}

/** A system identity, or a ServiceAccount of kube-system (where controllers run). */
function isPlatformIdentity(s: Subject): boolean {
  if (s.kind === 'ServiceAccount') return s.namespace === 'kube-system';
  return isSystemSubject(s) && !anonymousSubject(s);
}

/**
 * Whether a binding belongs to the platform and is left out of the findings. The rule is a name
 * AND a mark, never a label alone (a tenant can set any label on a binding it creates):
 * - Kubernetes built-ins: named `cluster-admin` or `system:*` with the bootstrapping label;
 * - other `system:*` bindings whose every subject is a system identity (add-ons, controllers),
 *   unless one of them means "anyone" (system:authenticated / unauthenticated / anonymous);
 * - AKS-managed: named `aks-*` with the addon manager's `Reconcile` label.
 */
export function platformReason(b: Binding): string | undefined {
  const meta = b.object.metadata;
  const systemName = b.name === 'cluster-admin' || b.name.startsWith('system:');
  if (systemName && hasLabel(meta, BOOTSTRAP)) return 'Kubernetes built-in';
  const subjects = b.object.subjects ?? [];
  if (b.name.startsWith('system:') && subjects.length > 0 && subjects.every(isPlatformIdentity))
    return 'system binding for system identities';
  if (b.name.startsWith('aks-') && hasLabel(meta, AKS_RECONCILE)) return 'managed by AKS';
  return undefined;
}

/** Whether a ClusterRole is a Kubernetes built-in (name and label both say so). */
export function isBuiltInRole(meta: RbacMeta | undefined): boolean {
  const name = meta?.name ?? '';
  const systemName =
    ['cluster-admin', 'admin', 'edit', 'view'].includes(name) || name.startsWith('system:');
  return systemName && hasLabel(meta, BOOTSTRAP);
}

/** Whether a ClusterRole is managed by AKS (name and label). */
export function isAksRole(meta: RbacMeta | undefined): boolean {
  return (meta?.name ?? '').startsWith('aks-') && hasLabel(meta, AKS_RECONCILE);
}
