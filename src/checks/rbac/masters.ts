import type { Finding } from '../../model/finding.js';
import { bindingObject } from './binding-findings.js';
import type { Binding } from './types.js';

const MASTERS = 'system:masters';

/**
 * Whether a binding is Kubernetes' own `cluster-admin` ClusterRoleBinding (bootstrap label,
 * ClusterRole cluster-admin), the one binding every cluster has that names system:masters.
 */
export function isBootstrapClusterAdmin(b: Binding): boolean {
  const ref = b.object.roleRef;
  return (
    b.kind === 'ClusterRoleBinding' &&
    b.name === 'cluster-admin' &&
    ref.kind === 'ClusterRole' &&
    ref.name === 'cluster-admin' &&
    b.object.metadata?.labels?.['kubernetes.io/bootstrapping'] === 'rbac-defaults'
  );
}

/**
 * The high finding for a binding other than the bootstrap cluster-admin one that names the group
 * system:masters. The binding adds no rights (that group passes authorization before RBAC is
 * asked), so the finding is about who holds the group's credentials, not about the role.
 */
export function mastersFinding(b: Binding): Finding | undefined {
  const names = (b.object.subjects ?? []).some((s) => s.kind === 'Group' && s.name === MASTERS);
  if (!names || isBootstrapClusterAdmin(b)) return undefined;
  return {
    id: 'rbac.masters',
    severity: 'high',
    object: bindingObject(b),
    subject: `Group ${MASTERS}`,
    message: `Names the group ${MASTERS}. The binding adds no rights (that group is allowed everything before RBAC is asked), but it shows someone relying on or handing out that group: membership comes from credentials such as a client certificate with O=${MASTERS}, and RBAC cannot take it away.`,
    remediation: `Remove ${MASTERS} from the binding, and control who holds ${MASTERS} credentials: on AKS disable local accounts (az aks update --disable-local-accounts) and use Entra ID.`,
  };
}
