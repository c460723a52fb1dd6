import type { AccessAnswer, AccessQuestion } from './access.js';
import type { StepId } from './checklist.js';

/** A Kubernetes right, asked with a SelfSubjectAccessReview (cluster-wide: no namespace). */
export interface KubeRight {
  plane: 'kube';
  question: AccessQuestion;
  /** What it is for, in the operator's words. */
  label: string;
}

/** An Azure (ARM) right on the cluster or its pools, by its RBAC action name. */
export interface ArmRight {
  plane: 'arm';
  action: string;
  label: string;
}

/** One right a step needs, and whether it is needed to look (`read`) or to change (`write`). */
export type Right = KubeRight | ArmRight;

const rbac = 'rbac.authorization.k8s.io';
const netpol = 'networking.k8s.io';
const mc = 'Microsoft.ContainerService/managedClusters';

const kube = (
  verb: string,
  resource: string,
  label: string,
  extra: Partial<AccessQuestion> = {},
): KubeRight => ({ plane: 'kube', question: { verb, resource, ...extra }, label });
const arm = (action: string, label: string): ArmRight => ({ plane: 'arm', action, label });

/** Every right the runbook may ask about, by a stable key. */
export const RIGHTS = {
  'nodes.list': kube('list', 'nodes', 'list nodes'),
  'nodes.get': kube('get', 'nodes', 'read a node'),
  'nodes.patch': kube('patch', 'nodes', 'cordon and uncordon nodes'),
  'namespaces.list': kube('list', 'namespaces', 'list namespaces'),
  'pods.list': kube('list', 'pods', 'list pods in all namespaces'),
  'serviceaccounts.list': kube('list', 'serviceaccounts', 'list ServiceAccounts'),
  'pods.evict': kube('create', 'pods', 'evict pods', { subresource: 'eviction' }),
  'pods.delete': kube('delete', 'pods', 'delete pods'),
  'pdb.list': kube('list', 'poddisruptionbudgets', 'list disruption budgets', { group: 'policy' }),
  'daemonsets.get': kube('get', 'daemonsets', 'read DaemonSets', { group: 'apps' }),
  'replicasets.list': kube('list', 'replicasets', 'list ReplicaSets', { group: 'apps' }),
  'deployments.list': kube('list', 'deployments', 'list Deployments', { group: 'apps' }),
  'netpol.list': kube('list', 'networkpolicies', 'list NetworkPolicies', { group: netpol }),
  'netpol.create': kube('create', 'networkpolicies', 'create NetworkPolicies', { group: netpol }),
  'netpol.update': kube('update', 'networkpolicies', 'update NetworkPolicies', { group: netpol }),
  'netpol.delete': kube('delete', 'networkpolicies', 'delete NetworkPolicies', { group: netpol }),
  'roles.list': kube('list', 'roles', 'list Roles', { group: rbac }),
  'clusterroles.list': kube('list', 'clusterroles', 'list ClusterRoles', { group: rbac }),
  'rolebindings.list': kube('list', 'rolebindings', 'list RoleBindings', { group: rbac }),
  'clusterrolebindings.list': kube('list', 'clusterrolebindings', 'list ClusterRoleBindings', {
    group: rbac,
  }),
  'rolebindings.create': kube('create', 'rolebindings', 'create RoleBindings', { group: rbac }),
  'rolebindings.update': kube('update', 'rolebindings', 'update RoleBindings', { group: rbac }),
  'rolebindings.delete': kube('delete', 'rolebindings', 'delete RoleBindings', { group: rbac }),
  'clusterrolebindings.create': kube(
    'create',
    'clusterrolebindings',
    'create ClusterRoleBindings',
    {
      group: rbac,
    },
  ),
  'clusterrolebindings.update': kube(
    'update',
    'clusterrolebindings',
    'update ClusterRoleBindings',
    {
      group: rbac,
    },
  ),
  'clusterrolebindings.delete': kube(
    'delete',
    'clusterrolebindings',
    'delete ClusterRoleBindings',
    {
      group: rbac,
    },
  ),
  'arm.cluster.read': arm(`${mc}/read`, 'read the AKS cluster (Azure)'),
  'arm.cluster.write': arm(`${mc}/write`, 'change the AKS cluster (Azure)'),
  'arm.pools.read': arm(`${mc}/agentPools/read`, 'read node pools (Azure)'),
  'arm.pools.write': arm(`${mc}/agentPools/write`, 'upgrade node pools (Azure)'),
  'arm.pools.nodeImage': arm(
    `${mc}/agentPools/upgradeNodeImageVersion/action`,
    'upgrade node images (Azure)',
  ),
} satisfies Record<string, Right>;

/** The key of a right in `RIGHTS`. */
export type RightKey = keyof typeof RIGHTS;

/** What a step needs: rights to look, and rights to change (its actions). */
export interface StepNeeds {
  step: StepId;
  read: RightKey[];
  write: RightKey[];
}

/**
 * The rights each later step needs. The imds step asks the NetworkPolicy rights again per
 * namespace when the operator picks namespaces (a Role can grant them in one namespace only).
 */
export const RIGHTS_NEEDED: readonly StepNeeds[] = [
  { step: 'defender', read: ['arm.cluster.read'], write: ['arm.cluster.write'] },
  { step: 'api-access', read: ['arm.cluster.read'], write: [] },
  {
    step: 'rbac',
    read: [
      'roles.list',
      'clusterroles.list',
      'rolebindings.list',
      'clusterrolebindings.list',
      // Whoever creates pods in a namespace may run them as any of its ServiceAccounts.
      'serviceaccounts.list',
    ],
    write: [
      'rolebindings.create',
      'rolebindings.update',
      'rolebindings.delete',
      'clusterrolebindings.create',
      'clusterrolebindings.update',
      'clusterrolebindings.delete',
    ],
  },
  {
    step: 'imds',
    read: ['namespaces.list', 'netpol.list', 'pods.list'],
    write: ['netpol.create', 'netpol.update', 'netpol.delete'],
  },
  {
    step: 'containers',
    read: ['pods.list', 'replicasets.list', 'deployments.list', 'daemonsets.get'],
    write: [],
  },
  {
    step: 'upgrades',
    read: ['arm.cluster.read', 'arm.pools.read', 'pdb.list', 'pods.list', 'daemonsets.get'],
    write: ['arm.cluster.write', 'arm.pools.write'],
  },
  {
    step: 'drain',
    read: ['nodes.list', 'nodes.get', 'pods.list', 'pdb.list', 'daemonsets.get'],
    write: ['nodes.patch', 'pods.evict', 'pods.delete'],
  },
  {
    step: 'node-image',
    read: ['arm.pools.read', 'nodes.list', 'daemonsets.get'],
    write: ['arm.pools.nodeImage'],
  },
];

/** Every right any step needs, each once, in table order. */
export function allNeededRights(): RightKey[] {
  return [...new Set(RIGHTS_NEEDED.flatMap((s) => [...s.read, ...s.write]))];
}

/** What the preflight learned about one right. */
export type RightAnswer =
  | { state: 'allowed' }
  /** The API said no; `reason` is its explanation when it gave one. */
  | { state: 'denied'; reason?: string }
  /** Could not be asked (no ARM side, permissions unreadable, network): tried on use. */
  | { state: 'unknown'; reason: string };

/** The answers for every right asked, by key. */
export type RightAnswers = Partial<Record<RightKey, RightAnswer>>;

/**
 * What the operator may do on a connection, asked in one place: the preflight of every right a
 * step needs, any further Kubernetes question (asked once), and refusals met on use.
 */
export interface OperatorRights {
  /** Every right in `RIGHTS_NEEDED` (asked once, all at once), with refusals learned since. */
  answers(): Promise<RightAnswers>;
  /** Records a refusal the API gave on use, so the action shows it from then on. */
  learn(key: RightKey, reason: string): void;
  /** Any Kubernetes question (a namespace, a named object): asked once per connection. */
  ask(question: AccessQuestion): Promise<AccessAnswer>;
  /** A right of the table in one namespace (a Role may grant it there only). */
  in(key: RightKey, namespace: string): Promise<RightAnswer>;
}
