// The RBAC corpus: hand-made cases written from the Kubernetes RBAC documentation (and the
// authorizer's rule matching), each with the objects, questions asked of the evaluator with their
// expected answers, and the findings (`id:severity:object`) the checks must give.
import type { Identity } from '../../src/checks/rbac/identity.js';
import type { AccessRequest } from '../../src/checks/rbac/match.js';
import type { ClusterContext, RbacFacts } from '../../src/checks/rbac/types.js';
import {
  ADMIN_GROUP,
  AKS_LABEL,
  BOOT,
  clusterRole,
  crb,
  facts,
  group,
  person,
  rb,
  role,
  rule,
  sa,
  saIdentity,
  urls,
  user,
} from './rbac-fixtures.js';

export interface RbacCase {
  name: string;
  facts: RbacFacts;
  /** Effective rights over every binding: identity, request, allowed? */
  questions: Array<[Identity, AccessRequest, boolean]>;
  /** Sorted `id:severity:object-name`. */
  findings: string[];
  /** Bindings left out, if the case is about exclusion. */
  excluded?: string[];
}

const R = (verb: string, resource: string, namespace = '', more: Partial<AccessRequest> = {}) =>
  ({ verb, group: '', resource, namespace, ...more }) as AccessRequest;
const anyone = { user: 'nobody@contoso.com', groups: ['system:authenticated'] };
const withCluster = (f: RbacFacts, cluster: ClusterContext): RbacFacts => ({ ...f, cluster });
const V131 = { kubernetesVersion: '1.31.8' };

export const CASES: RbacCase[] = [
  // --- Service accounts are subjects like any other (the first miss) ---
  {
    name: 'cluster-admin to Group system:serviceaccounts: every pod is cluster-admin',
    facts: facts({
      clusterRoleBindings: [crb('all-sa', 'cluster-admin', [group('system:serviceaccounts')])],
    }),
    questions: [
      [saIdentity('default', 'x'), R('delete', 'nodes'), true],
      [person('alice@contoso.com'), R('delete', 'nodes'), false],
    ],
    findings: ['rbac.all-service-accounts:high:all-sa', 'rbac.cluster-admin:high:all-sa'],
  },
  {
    name: 'cluster-admin to Group system:nodes: every kubelet would be cluster-admin',
    facts: facts({
      clusterRoleBindings: [crb('nodes-admin', 'cluster-admin', [group('system:nodes')])],
    }),
    questions: [[person('system:node:aks-1', ['system:nodes']), R('delete', 'nodes'), true]],
    findings: ['rbac.cluster-admin:high:nodes-admin'],
  },
  {
    name: 'cluster-admin to Group system:serviceaccounts:payments: only that namespace’s accounts',
    facts: facts({
      clusterRoleBindings: [
        crb('pay-sa', 'cluster-admin', [group('system:serviceaccounts:payments')]),
      ],
    }),
    questions: [
      [saIdentity('payments', 'api'), R('list', 'secrets'), true],
      [saIdentity('shop', 'api'), R('list', 'secrets'), false],
    ],
    findings: ['rbac.all-service-accounts:high:pay-sa', 'rbac.cluster-admin:high:pay-sa'],
  },
  {
    name: 'cluster-admin to User system:serviceaccount:default:attacker (a ServiceAccount named as a user)',
    facts: facts({
      clusterRoleBindings: [
        crb('attacker', 'cluster-admin', [user('system:serviceaccount:default:attacker')]),
      ],
    }),
    questions: [
      [saIdentity('default', 'attacker'), R('create', 'pods', 'kube-system'), true],
      [saIdentity('default', 'other'), R('create', 'pods', 'kube-system'), false],
    ],
    findings: ['rbac.cluster-admin:high:attacker'],
  },
  {
    name: 'cluster-admin to a ServiceAccount in a workload namespace',
    facts: facts({ clusterRoleBindings: [crb('ci', 'cluster-admin', [sa('ci', 'deployer')])] }),
    questions: [[saIdentity('ci', 'deployer'), R('get', 'secrets', 'kube-system'), true]],
    findings: ['rbac.cluster-admin:high:ci'],
  },
  {
    name: 'a ServiceAccount without a namespace in a ClusterRoleBinding names no one',
    facts: facts({
      clusterRoleBindings: [crb('nobody', 'cluster-admin', [sa(undefined, 'deployer')])],
    }),
    questions: [[saIdentity('default', 'deployer'), R('get', 'pods', 'default'), false]],
    findings: [],
  },
  {
    name: 'a ServiceAccount without a namespace in a RoleBinding is that namespace’s',
    facts: facts({
      roleBindings: [rb('shop', 'sa-edit', 'ClusterRole', 'edit', [sa(undefined, 'api')])],
    }),
    questions: [
      [saIdentity('shop', 'api'), R('create', 'pods', 'shop', { subresource: 'exec' }), true],
      [saIdentity('other', 'api'), R('create', 'pods', 'shop', { subresource: 'exec' }), false],
    ],
    findings: ['rbac.escalation:medium:sa-edit', 'rbac.secrets-read:low:sa-edit'],
  },
  // --- Wildcards mean what the authorizer makes of them (the false high) ---
  {
    // Cluster-wide, `*` in apps includes creating Deployments and DaemonSets in kube-system
    // (workload creation, RBAC good practices): an escalation, but never impersonation.
    name: '* verbs on * resources in apps: wildcard and kube-system workloads, not impersonation',
    facts: facts({
      clusterRoles: [clusterRole('apps-all', [rule(['*'], ['apps'], ['*'])])],
      clusterRoleBindings: [crb('apps', 'apps-all', [group('deployers')])],
    }),
    questions: [
      [person('x', ['deployers']), { verb: 'impersonate', group: '', resource: 'users' }, false],
      [
        person('x', ['deployers']),
        { verb: 'delete', group: 'apps', resource: 'deployments', namespace: 'a' },
        true,
      ],
    ],
    findings: [
      'rbac.escalation:high:apps',
      'rbac.secrets-read:high:apps',
      'rbac.wildcard:medium:apps',
    ],
  },
  {
    name: '* verbs on * resources in monitoring.coreos.com: wildcard only',
    facts: facts({
      clusterRoles: [clusterRole('prom', [rule(['*'], ['monitoring.coreos.com'], ['*'])])],
      clusterRoleBindings: [crb('prom', 'prom', [sa('monitoring', 'operator')])],
    }),
    questions: [[saIdentity('monitoring', 'operator'), R('list', 'secrets'), false]],
    findings: ['rbac.wildcard:medium:prom'],
  },
  {
    name: '* on * in the core group only: not everything, but impersonation, exec, secrets, nodes/proxy',
    facts: facts({
      clusterRoles: [clusterRole('core-all', [rule(['*'], [''], ['*'])])],
      clusterRoleBindings: [crb('core', 'core-all', [group('ops')])],
    }),
    questions: [
      [person('x', ['ops']), { verb: '*', group: '*', resource: '*' }, false],
      [
        person('x', ['ops']),
        { verb: 'impersonate', group: '', resource: 'users', name: 'alice' },
        true,
      ],
    ],
    findings: [
      'rbac.escalation:high:core',
      'rbac.secrets-read:high:core',
      'rbac.wildcard:medium:core',
    ],
  },
  {
    name: '* in every group and resource, but one verb: get reads secrets cluster-wide',
    facts: facts({
      clusterRoles: [clusterRole('reader', [rule(['get'], ['*'], ['*'])])],
      clusterRoleBindings: [crb('reader', 'reader', [group('readers')])],
    }),
    questions: [
      [person('x', ['readers']), R('get', 'secrets', 'kube-system', { name: 'k' }), true],
    ],
    findings: [
      'rbac.escalation:high:reader',
      'rbac.secrets-read:high:reader',
      'rbac.wildcard:medium:reader',
    ],
  },
  // --- Subresources: */sub matches, resource/* does not (Kubernetes does not support it) ---
  {
    name: '*/exec grants pods/exec',
    facts: facts({
      clusterRoles: [clusterRole('execer', [rule(['create'], [''], ['*/exec'])])],
      clusterRoleBindings: [crb('exec', 'execer', [group('support')])],
    }),
    questions: [
      [
        person('x', ['support']),
        R('create', 'pods', 'shop', { subresource: 'exec', name: 'p' }),
        true,
      ],
    ],
    findings: ['rbac.escalation:high:exec'],
  },
  {
    name: 'writing webhook configurations lets a subject see and change every request',
    facts: facts({
      clusterRoles: [
        clusterRole('hooks', [
          rule(['create'], ['admissionregistration.k8s.io'], ['mutatingwebhookconfigurations']),
        ]),
      ],
      clusterRoleBindings: [crb('hooks', 'hooks', [group('platform')])],
    }),
    questions: [
      [
        person('x', ['platform']),
        R('create', 'mutatingwebhookconfigurations', '', {
          group: 'admissionregistration.k8s.io',
        }),
        true,
      ],
    ],
    findings: ['rbac.escalation:high:hooks'],
  },
  {
    name: 'approving CSRs mints client certificates; reading them does not',
    facts: facts({
      clusterRoles: [
        clusterRole('approver', [
          rule(['update'], ['certificates.k8s.io'], ['certificatesigningrequests/approval']),
          rule(['approve'], ['certificates.k8s.io'], ['signers'], ['kubernetes.io/*']),
        ]),
        clusterRole('csr-reader', [
          rule(['get', 'list'], ['certificates.k8s.io'], ['certificatesigningrequests']),
        ]),
      ],
      clusterRoleBindings: [
        crb('approve', 'approver', [group('pki')]),
        crb('read-csr', 'csr-reader', [group('audit')]),
      ],
    }),
    questions: [
      [
        person('x', ['pki']),
        R('update', 'certificatesigningrequests', '', {
          group: 'certificates.k8s.io',
          subresource: 'approval',
        }),
        true,
      ],
      [
        person('y', ['audit']),
        R('update', 'certificatesigningrequests', '', {
          group: 'certificates.k8s.io',
          subresource: 'approval',
        }),
        false,
      ],
    ],
    findings: ['rbac.escalation:high:approve'],
  },
  {
    name: 'pods/* is not a pattern: it grants no pod subresource',
    facts: facts({
      clusterRoles: [clusterRole('podsub', [rule(['create', 'get'], [''], ['pods/*'])])],
      clusterRoleBindings: [crb('podsub', 'podsub', [group('support')])],
    }),
    questions: [
      [person('x', ['support']), R('create', 'pods', 'shop', { subresource: 'exec' }), false],
      [person('x', ['support']), R('get', 'pods', 'shop', { subresource: '*' }), true],
    ],
    findings: [],
  },
  {
    name: '*/* is not everything either',
    facts: facts({
      clusterRoles: [clusterRole('starstar', [rule(['*'], ['*'], ['*/*'])])],
      clusterRoleBindings: [crb('starstar', 'starstar', [group('g')])],
    }),
    questions: [
      [person('x', ['g']), R('create', 'pods', 'a', { subresource: 'exec' }), false],
      [person('x', ['g']), R('list', 'secrets'), false],
    ],
    findings: ['rbac.wildcard:medium:starstar'],
  },
  {
    name: 'get pods/exec opens exec over WebSocket before 1.35',
    facts: withCluster(
      facts({
        clusterRoles: [clusterRole('ws', [rule(['get'], [''], ['pods/exec'])])],
        roleBindings: [rb('shop', 'ws', 'ClusterRole', 'ws', [group('dev')])],
      }),
      V131,
    ),
    questions: [[person('x', ['dev']), R('get', 'pods', 'shop', { subresource: 'exec' }), true]],
    findings: ['rbac.escalation:medium:ws'],
  },
  {
    name: 'get pods/exec from 1.35 on: exec needs create, so no finding',
    facts: withCluster(
      facts({
        clusterRoles: [clusterRole('ws', [rule(['get'], [''], ['pods/exec'])])],
        roleBindings: [rb('shop', 'ws', 'ClusterRole', 'ws', [group('dev')])],
      }),
      { kubernetesVersion: '1.35.0' },
    ),
    questions: [],
    findings: [],
  },
  {
    name: '*/scale only scales',
    facts: facts({
      clusterRoles: [clusterRole('scaler', [rule(['get', 'update'], ['apps'], ['*/scale'])])],
      clusterRoleBindings: [crb('hpa', 'scaler', [sa('kube-system', 'custom-hpa')])],
    }),
    questions: [
      [
        saIdentity('kube-system', 'custom-hpa'),
        {
          verb: 'update',
          group: 'apps',
          resource: 'deployments',
          subresource: 'scale',
          namespace: 'a',
        },
        true,
      ],
      [
        saIdentity('kube-system', 'custom-hpa'),
        { verb: 'update', group: 'apps', resource: 'deployments', namespace: 'a' },
        false,
      ],
    ],
    findings: [],
  },
  // --- resourceNames ---
  {
    name: 'secrets limited by resourceNames: no list, no unnamed get, only the named secret',
    facts: facts({
      clusterRoles: [
        clusterRole('one-secret', [rule(['get', 'list', 'watch'], [''], ['secrets'], ['tls'])]),
      ],
      clusterRoleBindings: [crb('one', 'one-secret', [group('web')])],
    }),
    questions: [
      [person('x', ['web']), R('get', 'secrets', 'a', { name: 'tls' }), true],
      [person('x', ['web']), R('get', 'secrets', 'a', { name: 'db' }), false],
      [person('x', ['web']), R('list', 'secrets', 'a'), false],
    ],
    findings: [],
  },
  {
    name: 'every verb on one named configmap is not a wildcard over configmaps',
    facts: facts({
      clusterRoles: [clusterRole('cm', [rule(['*'], [''], ['configmaps'], ['app-config'])])],
      clusterRoleBindings: [crb('cm', 'cm', [group('app')])],
    }),
    questions: [
      [person('x', ['app']), R('delete', 'configmaps', 'a', { name: 'app-config' }), true],
    ],
    findings: [],
  },
  {
    name: 'impersonating only the group system:masters (resourceNames) is impersonating cluster-admin',
    facts: facts({
      clusterRoles: [
        clusterRole('imp-masters', [rule(['impersonate'], [''], ['groups'], ['system:masters'])]),
      ],
      clusterRoleBindings: [crb('imp-masters', 'imp-masters', [group('support')])],
    }),
    questions: [
      [
        person('x', ['support']),
        { verb: 'impersonate', group: '', resource: 'groups', name: 'system:masters' },
        true,
      ],
      [
        person('x', ['support']),
        { verb: 'impersonate', group: '', resource: 'groups', name: 'other' },
        false,
      ],
    ],
    findings: ['rbac.escalation:high:imp-masters'],
  },
  {
    name: 'patching pods/ephemeralcontainers runs a debug container inside running pods',
    facts: facts({
      roles: [
        role('shop', 'debugger', [
          rule(['get', 'update', 'patch'], [''], ['pods/ephemeralcontainers']),
        ]),
        role('shop', 'debug-reader', [rule(['get'], [''], ['pods/ephemeralcontainers'])]),
      ],
      roleBindings: [
        rb('shop', 'debugger', 'Role', 'debugger', [group('sre')]),
        rb('shop', 'debug-reader', 'Role', 'debug-reader', [group('audit')]),
      ],
    }),
    questions: [],
    // Reading the subresource (even before 1.35, when get opens exec) runs nothing.
    findings: ['rbac.escalation:medium:debugger'],
  },
  {
    name: 'exec into one named pod is still running commands in a pod',
    facts: facts({
      roles: [role('shop', 'exec-db', [rule(['create'], [''], ['pods/exec'], ['db-0'])])],
      roleBindings: [rb('shop', 'exec-db', 'Role', 'exec-db', [group('dba')])],
    }),
    questions: [
      [
        person('x', ['dba']),
        R('create', 'pods', 'shop', { subresource: 'exec', name: 'db-0' }),
        true,
      ],
    ],
    findings: ['rbac.escalation:medium:exec-db'],
  },
  {
    name: 'bind limited to named ClusterRoles, with create on bindings: binds cluster-admin',
    facts: facts({
      clusterRoles: [
        clusterRole('binder', [
          rule(['bind'], ['rbac.authorization.k8s.io'], ['clusterroles'], ['cluster-admin']),
        ]),
      ],
      clusterRoleBindings: [crb('binder', 'binder', [group('platform')])],
    }),
    questions: [],
    findings: ['rbac.escalation:high:binder'],
  },
  {
    // RBAC documentation: bind limited by resourceNames is how one lets a subject hand out chosen
    // roles; handing out `view` (reads, no secrets) gives nobody more than `view`.
    name: 'bind limited to a harmless named ClusterRole (view-like) is no escalation',
    facts: facts({
      clusterRoles: [
        clusterRole('viewer', [
          rule(['get', 'list', 'watch'], ['', 'apps'], ['pods', 'deployments']),
        ]),
        clusterRole('view-binder', [
          rule(['bind'], ['rbac.authorization.k8s.io'], ['clusterroles'], ['viewer']),
        ]),
      ],
      clusterRoleBindings: [crb('view-binder', 'view-binder', [group('leads')])],
    }),
    questions: [],
    findings: [],
  },
  {
    name: 'bind limited to named ClusterRoles is escalation when one of them reads secrets or is missing',
    facts: facts({
      clusterRoles: [
        clusterRole('viewer', [rule(['get'], [''], ['pods'])]),
        clusterRole('secret-reader', [rule(['get'], [''], ['secrets'])]),
        clusterRole('binds-reader', [
          rule(
            ['bind'],
            ['rbac.authorization.k8s.io'],
            ['clusterroles'],
            ['viewer', 'secret-reader'],
          ),
        ]),
        clusterRole('binds-ghost', [
          rule(['bind'], ['rbac.authorization.k8s.io'], ['clusterroles'], ['viewer', 'not-yet']),
        ]),
        // A named role that itself binds (even named) is judged risky, not followed.
        clusterRole('binder-of-binders', [
          rule(['bind'], ['rbac.authorization.k8s.io'], ['clusterroles'], ['view-binder']),
        ]),
        clusterRole('view-binder', [
          rule(['bind'], ['rbac.authorization.k8s.io'], ['clusterroles'], ['viewer']),
        ]),
      ],
      clusterRoleBindings: [
        crb('binds-reader', 'binds-reader', [group('leads')]),
        crb('binds-ghost', 'binds-ghost', [group('leads')]),
        crb('binder-of-binders', 'binder-of-binders', [group('leads')]),
      ],
    }),
    questions: [],
    findings: [
      'rbac.escalation:high:binder-of-binders',
      'rbac.escalation:high:binds-ghost',
      'rbac.escalation:high:binds-reader',
    ],
  },
  {
    name: 'bind on named Roles: judged by the Role of the binding namespace; cluster-wide it reaches every namespace',
    facts: facts({
      roles: [
        role('shop', 'reader', [rule(['get'], [''], ['configmaps'])]),
        role('shop', 'role-binder', [
          rule(['bind'], ['rbac.authorization.k8s.io'], ['roles'], ['reader']),
        ]),
      ],
      clusterRoles: [
        clusterRole('any-reader-binder', [
          rule(['bind'], ['rbac.authorization.k8s.io'], ['roles'], ['reader']),
        ]),
      ],
      roleBindings: [rb('shop', 'role-binder', 'Role', 'role-binder', [group('leads')])],
      clusterRoleBindings: [crb('any-reader-binder', 'any-reader-binder', [group('leads')])],
    }),
    questions: [],
    findings: ['rbac.escalation:high:any-reader-binder'],
  },
  {
    // escalate on a named role lets its holder write any rule into that role: still escalation.
    name: 'escalate limited to a harmless named ClusterRole is still escalation',
    facts: facts({
      clusterRoles: [
        clusterRole('viewer', [rule(['get'], [''], ['pods'])]),
        clusterRole('view-escalator', [
          rule(['escalate'], ['rbac.authorization.k8s.io'], ['clusterroles'], ['viewer']),
        ]),
      ],
      clusterRoleBindings: [crb('view-escalator', 'view-escalator', [group('leads')])],
    }),
    questions: [],
    findings: ['rbac.escalation:high:view-escalator'],
  },
  {
    name: 'create limited by resourceNames allows no create (the name is not known when asked)',
    facts: facts({
      clusterRoles: [
        clusterRole('named-create', [
          rule(['create'], ['rbac.authorization.k8s.io'], ['clusterrolebindings'], ['x']),
          rule(['create'], [''], ['pods'], ['x']),
        ]),
      ],
      clusterRoleBindings: [crb('named-create', 'named-create', [group('ci')])],
    }),
    questions: [],
    findings: [],
  },
  // --- Secrets ---
  {
    name: 'list secrets cluster-wide is high',
    facts: facts({
      clusterRoles: [clusterRole('secret-lister', [rule(['list'], [''], ['secrets'])])],
      clusterRoleBindings: [crb('lister', 'secret-lister', [group('backup')])],
    }),
    questions: [[person('x', ['backup']), R('list', 'secrets'), true]],
    findings: ['rbac.secrets-read:high:lister'],
  },
  {
    name: 'get secrets in one namespace is low',
    facts: facts({
      roles: [role('shop', 'secret-reader', [rule(['get'], [''], ['secrets'])])],
      roleBindings: [rb('shop', 'reader', 'Role', 'secret-reader', [group('shop-ops')])],
    }),
    questions: [
      [person('x', ['shop-ops']), R('get', 'secrets', 'shop', { name: 'db' }), true],
      [person('x', ['shop-ops']), R('get', 'secrets', 'other', { name: 'db' }), false],
    ],
    findings: ['rbac.secrets-read:low:reader'],
  },
  {
    name: 'secrets in kube-system count as cluster-wide',
    facts: facts({
      roles: [role('kube-system', 'ks-secrets', [rule(['watch'], [''], ['secrets'])])],
      roleBindings: [rb('kube-system', 'ks', 'Role', 'ks-secrets', [group('ops')])],
    }),
    questions: [],
    findings: ['rbac.secrets-read:high:ks'],
  },
  // --- A RoleBinding scopes a ClusterRole to its namespace ---
  {
    name: 'RoleBinding of cluster-admin: full control of one namespace, nothing cluster-scoped',
    facts: facts({
      roleBindings: [
        rb('shop', 'shop-admin', 'ClusterRole', 'cluster-admin', [group('shop-owners')]),
      ],
    }),
    questions: [
      [person('x', ['shop-owners']), R('delete', 'secrets', 'shop', { name: 'a' }), true],
      [person('x', ['shop-owners']), R('delete', 'secrets', 'other', { name: 'a' }), false],
      [person('x', ['shop-owners']), R('list', 'secrets'), false],
      [person('x', ['shop-owners']), R('get', 'nodes'), false],
      [person('x', ['shop-owners']), { verb: 'get', path: '/metrics' }, false],
    ],
    findings: ['rbac.cluster-admin:medium:shop-admin'],
  },
  {
    name: 'RoleBinding of cluster-admin in kube-system is as good as cluster-wide',
    facts: facts({
      roleBindings: [rb('kube-system', 'ks-admin', 'ClusterRole', 'cluster-admin', [group('ops')])],
    }),
    questions: [],
    findings: ['rbac.cluster-admin:high:ks-admin'],
  },
  {
    name: 'a RoleBinding cannot grant impersonation of users (cluster-scoped), only of its ServiceAccounts',
    facts: facts({
      clusterRoles: [
        clusterRole('imp', [rule(['impersonate'], [''], ['users', 'serviceaccounts'])]),
      ],
      roleBindings: [rb('shop', 'imp', 'ClusterRole', 'imp', [group('ci')])],
    }),
    questions: [
      [
        person('x', ['ci']),
        { verb: 'impersonate', group: '', resource: 'users', name: 'alice' },
        false,
      ],
      [person('x', ['ci']), R('impersonate', 'serviceaccounts', 'shop', { name: 'api' }), true],
    ],
    findings: ['rbac.escalation:medium:imp'],
  },
  {
    name: 'a RoleBinding cannot grant nodes/proxy (nodes are cluster-scoped)',
    facts: facts({
      clusterRoles: [clusterRole('np', [rule(['get'], [''], ['nodes/proxy'])])],
      roleBindings: [rb('shop', 'np', 'ClusterRole', 'np', [group('mon')])],
    }),
    questions: [[person('x', ['mon']), R('get', 'nodes', '', { subresource: 'proxy' }), false]],
    findings: [],
  },
  // --- Escalation paths from the RBAC good-practices list ---
  {
    name: 'impersonate users cluster-wide',
    facts: facts({
      clusterRoles: [clusterRole('imp', [rule(['impersonate'], [''], ['users', 'groups'])])],
      clusterRoleBindings: [crb('imp', 'imp', [user('jordan@contoso.com')])],
    }),
    questions: [],
    findings: ['rbac.escalation:high:imp', 'rbac.user-subject:medium:imp'],
  },
  {
    name: 'impersonate with the authentication group is not impersonation of users',
    facts: facts({
      clusterRoles: [
        clusterRole('imp-extra', [
          rule(['impersonate'], ['authentication.k8s.io'], ['userextras/scopes']),
        ]),
      ],
      clusterRoleBindings: [crb('imp-extra', 'imp-extra', [group('proxy')])],
    }),
    questions: [],
    findings: [],
  },
  {
    name: 'bind on clusterroles',
    facts: facts({
      clusterRoles: [
        clusterRole('binder', [rule(['bind'], ['rbac.authorization.k8s.io'], ['clusterroles'])]),
      ],
      clusterRoleBindings: [crb('binder', 'binder', [group('platform')])],
    }),
    questions: [],
    findings: ['rbac.escalation:high:binder'],
  },
  {
    name: 'escalate on roles in one namespace',
    facts: facts({
      roles: [role('shop', 'esc', [rule(['escalate'], ['rbac.authorization.k8s.io'], ['roles'])])],
      roleBindings: [rb('shop', 'esc', 'Role', 'esc', [group('leads')])],
    }),
    questions: [],
    findings: ['rbac.escalation:medium:esc'],
  },
  {
    // The API server accepts a binding only from someone who holds the role's rights (or bind):
    // writing bindings alone hands out nothing new.
    name: 'create rolebindings in one namespace, without bind, is not escalation',
    facts: facts({
      roles: [
        role('shop', 'rb-writer', [
          rule(['create'], ['rbac.authorization.k8s.io'], ['rolebindings']),
        ]),
      ],
      roleBindings: [rb('shop', 'rbw', 'Role', 'rb-writer', [group('leads')])],
    }),
    questions: [],
    findings: [],
  },
  {
    name: 'create rolebindings with bind in one namespace',
    facts: facts({
      roles: [
        role('shop', 'rb-binder', [
          rule(['create'], ['rbac.authorization.k8s.io'], ['rolebindings']),
          rule(['bind'], ['rbac.authorization.k8s.io'], ['roles']),
        ]),
      ],
      roleBindings: [rb('shop', 'rbb', 'Role', 'rb-binder', [group('leads')])],
    }),
    questions: [],
    findings: ['rbac.escalation:medium:rbb'],
  },
  {
    name: 'nodes/proxy get cluster-wide',
    facts: facts({
      clusterRoles: [clusterRole('kubelet-reader', [rule(['get'], [''], ['nodes/proxy'])])],
      clusterRoleBindings: [crb('kr', 'kubelet-reader', [sa('monitoring', 'agent')])],
    }),
    questions: [],
    findings: ['rbac.escalation:high:kr'],
  },
  {
    name: 'create pods in kube-system through a RoleBinding there',
    facts: facts({
      roles: [role('kube-system', 'pod-maker', [rule(['create'], [''], ['pods'])])],
      roleBindings: [rb('kube-system', 'pm', 'Role', 'pod-maker', [group('addons')])],
    }),
    questions: [[person('x', ['addons']), R('create', 'pods', 'kube-system'), true]],
    findings: ['rbac.escalation:high:pm', 'rbac.secrets-read:high:pm'],
  },
  {
    name: 'create pods cluster-wide reaches kube-system',
    facts: facts({
      clusterRoles: [clusterRole('pod-maker', [rule(['create'], [''], ['pods'])])],
      clusterRoleBindings: [crb('pod-maker', 'pod-maker', [group('ci')])],
    }),
    questions: [[person('x', ['ci']), R('create', 'pods', 'kube-system'), true]],
    findings: ['rbac.escalation:high:pod-maker', 'rbac.secrets-read:high:pod-maker'],
  },
  {
    // RBAC good practices, "workload creation": the pods may mount any Secret of the namespace.
    name: 'create pods in a workload namespace enforcing baseline is no escalation, but reads its Secrets indirectly',
    facts: facts({
      roles: [role('shop', 'pod-maker', [rule(['create'], [''], ['pods'])])],
      roleBindings: [rb('shop', 'pm', 'Role', 'pod-maker', [group('devs')])],
      podSecurityEnforce: { shop: 'baseline' },
    }),
    questions: [],
    findings: ['rbac.secrets-read:low:pm'],
  },
  {
    // RBAC good practices, "workload creation": without Baseline or Restricted enforced, a
    // privileged pod there gives node access.
    name: 'create pods in a namespace with no known Pod Security level is node access',
    facts: facts({
      roles: [role('shop', 'pod-maker', [rule(['create'], [''], ['pods'])])],
      roleBindings: [rb('shop', 'pm', 'Role', 'pod-maker', [group('devs')])],
      podSecurityEnforce: { shop: 'privileged', web: 'restricted' },
    }),
    questions: [],
    findings: ['rbac.escalation:medium:pm', 'rbac.secrets-read:low:pm'],
  },
  {
    name: 'minting ServiceAccount tokens cluster-wide',
    facts: facts({
      clusterRoles: [clusterRole('minter', [rule(['create'], [''], ['serviceaccounts/token'])])],
      clusterRoleBindings: [crb('minter', 'minter', [group('ci')])],
    }),
    questions: [],
    findings: ['rbac.escalation:high:minter'],
  },
  // --- Non-resource URLs ---
  {
    // A `*` URL is a wildcard over every path, those added later included (RBAC good practices,
    // "Least privilege": avoid wildcards), so it is rbac.wildcard, as `*` on resources is; it
    // grants no resource, so nothing more.
    name: 'nonResourceURLs * with get: paths only, no resource, a wildcard',
    facts: facts({
      clusterRoles: [clusterRole('paths', [urls(['get'], ['*'])])],
      clusterRoleBindings: [crb('paths', 'paths', [group('probes')])],
    }),
    questions: [
      [person('x', ['probes']), { verb: 'get', path: '/metrics' }, true],
      [person('x', ['probes']), { verb: 'post', path: '/metrics' }, false],
      [person('x', ['probes']), R('get', 'pods', 'a'), false],
    ],
    findings: ['rbac.wildcard:medium:paths'],
  },
  {
    name: 'a trailing * matches by prefix only',
    facts: facts({
      clusterRoles: [clusterRole('logs', [urls(['get'], ['/logs/*'])])],
      clusterRoleBindings: [crb('logs', 'logs', [group('g')])],
    }),
    questions: [
      [person('x', ['g']), { verb: 'get', path: '/logs/kube-apiserver.log' }, true],
      [person('x', ['g']), { verb: 'get', path: '/logs' }, false],
      [person('x', ['g']), { verb: 'get', path: '/logsx' }, false],
    ],
    findings: [],
  },
  // --- Anyone ---
  {
    name: 'view to system:authenticated: every signed-in identity',
    facts: facts({
      clusterRoleBindings: [crb('everyone-views', 'view', [group('system:authenticated')])],
    }),
    questions: [[anyone, R('list', 'pods', 'a'), true]],
    findings: ['rbac.anonymous:high:everyone-views'],
  },
  {
    name: 'a role to User system:anonymous',
    facts: facts({
      roles: [role('public', 'pods', [rule(['get'], [''], ['pods'])])],
      roleBindings: [rb('public', 'anon', 'Role', 'pods', [user('system:anonymous')])],
    }),
    questions: [
      [
        { user: 'system:anonymous', groups: ['system:unauthenticated'] },
        R('get', 'pods', 'public', { name: 'x' }),
        true,
      ],
    ],
    findings: ['rbac.anonymous:high:anon'],
  },
  {
    name: 'Kubernetes’ default discovery binding is left out',
    facts: facts({
      clusterRoles: [
        clusterRole('system:discovery', [urls(['get'], ['/api', '/api/*', '/version'])], {
          labels: BOOT,
        }),
      ],
      clusterRoleBindings: [
        crb('system:discovery', 'system:discovery', [group('system:authenticated')], BOOT),
      ],
    }),
    questions: [[anyone, { verb: 'get', path: '/api/v1' }, true]],
    findings: [],
    excluded: ['ClusterRoleBinding/system:discovery'],
  },
  {
    name: 'the default public-info-viewer binding whose role was changed to list secrets is reported',
    facts: facts({
      clusterRoles: [
        clusterRole(
          'system:public-info-viewer',
          [urls(['get'], ['/healthz']), rule(['list'], [''], ['secrets'])],
          { labels: BOOT },
        ),
      ],
      clusterRoleBindings: [
        crb(
          'system:public-info-viewer',
          'system:public-info-viewer',
          [group('system:authenticated'), group('system:unauthenticated')],
          BOOT,
        ),
      ],
    }),
    questions: [
      [
        { user: 'system:anonymous', groups: ['system:unauthenticated'] },
        R('list', 'secrets'),
        true,
      ],
    ],
    findings: [
      'rbac.anonymous:high:system:public-info-viewer',
      'rbac.anonymous:high:system:public-info-viewer',
      'rbac.secrets-read:high:system:public-info-viewer',
      'rbac.secrets-read:high:system:public-info-viewer',
    ],
  },
  // --- Kubernetes' own identities, by exact name only ---
  {
    name: 'the bootstrap cluster-admin binding to system:masters',
    facts: facts({
      clusterRoleBindings: [crb('cluster-admin', 'cluster-admin', [group('system:masters')], BOOT)],
    }),
    questions: [],
    findings: [],
    excluded: ['ClusterRoleBinding/cluster-admin'],
  },
  {
    name: 'the controller manager’s own binding',
    facts: facts({
      clusterRoles: [
        clusterRole('system:kube-controller-manager', [rule(['get', 'list'], [''], ['secrets'])], {
          labels: BOOT,
        }),
      ],
      clusterRoleBindings: [
        crb(
          'system:kube-controller-manager',
          'system:kube-controller-manager',
          [user('system:kube-controller-manager')],
          BOOT,
        ),
      ],
    }),
    questions: [],
    findings: [],
    excluded: ['ClusterRoleBinding/system:kube-controller-manager'],
  },
  {
    name: 'a controller’s ServiceAccount in its bootstrap binding is exempt, in any other binding it is not',
    facts: facts({
      clusterRoles: [
        // Its bootstrap rules: it deletes everything by design (an edit to `*` is not exempt).
        clusterRole(
          'system:controller:namespace-controller',
          [
            rule(['delete', 'get', 'list', 'watch'], [''], ['namespaces']),
            rule(['update'], [''], ['namespaces/finalize', 'namespaces/status']),
            rule(['delete', 'deletecollection', 'get', 'list', 'watch'], ['*'], ['*']),
          ],
          { labels: BOOT },
        ),
      ],
      clusterRoleBindings: [
        crb(
          'system:controller:namespace-controller',
          'system:controller:namespace-controller',
          [sa('kube-system', 'namespace-controller')],
          BOOT,
        ),
        crb('evil', 'cluster-admin', [sa('kube-system', 'namespace-controller')]),
      ],
    }),
    questions: [],
    findings: ['rbac.cluster-admin:high:evil'],
    excluded: ['ClusterRoleBinding/system:controller:namespace-controller'],
  },
  {
    name: 'a system: name and the bootstrap label do not hide a user',
    facts: facts({
      clusterRoleBindings: [
        crb('system:backdoor', 'cluster-admin', [user('eve@contoso.com')], BOOT),
      ],
    }),
    questions: [],
    findings: [
      'rbac.cluster-admin:high:system:backdoor',
      'rbac.user-subject:medium:system:backdoor',
    ],
  },
  {
    name: 'a user whose name starts with system: is checked (not a person, so no user-subject)',
    facts: facts({
      clusterRoleBindings: [
        crb('node-admin', 'cluster-admin', [user('system:node:aks-nodepool1-0')]),
      ],
    }),
    questions: [],
    findings: ['rbac.cluster-admin:high:node-admin'],
  },
  {
    name: 'kube-proxy in its bootstrap binding is exempt; cluster-admin to it anywhere else is not',
    facts: facts({
      clusterRoles: [
        clusterRole('system:node-proxier', [rule(['list', 'watch'], [''], ['endpoints'])], {
          labels: BOOT,
        }),
      ],
      clusterRoleBindings: [
        crb('system:node-proxier', 'system:node-proxier', [user('system:kube-proxy')], BOOT),
        crb('proxy-admin', 'cluster-admin', [user('system:kube-proxy')]),
      ],
    }),
    questions: [[{ user: 'system:kube-proxy', groups: [] }, R('delete', 'nodes'), true]],
    findings: ['rbac.cluster-admin:high:proxy-admin'],
    excluded: ['ClusterRoleBinding/system:node-proxier'],
  },
  {
    name: 'the scheduler given secrets outside its bootstrap bindings is reported',
    facts: facts({
      clusterRoles: [clusterRole('read-secrets', [rule(['list'], [''], ['secrets'])])],
      clusterRoleBindings: [crb('sched-secrets', 'read-secrets', [user('system:kube-scheduler')])],
    }),
    questions: [],
    findings: ['rbac.secrets-read:high:sched-secrets'],
  },
  // --- AKS-managed, by exact shape ---
  {
    name: 'aks-backdoor with the addon manager label: checked, and the label is a finding',
    facts: facts({
      clusterRoleBindings: [
        crb('aks-backdoor', 'cluster-admin', [user('mallory@contoso.com')], AKS_LABEL),
      ],
    }),
    questions: [],
    findings: [
      'rbac.aks-label-mismatch:medium:aks-backdoor',
      'rbac.cluster-admin:high:aks-backdoor',
      'rbac.user-subject:medium:aks-backdoor',
    ],
  },
  {
    name: 'a harmless binding with the AKS label is an info finding',
    facts: facts({
      clusterRoleBindings: [
        crb('metrics-reader', 'view', [sa('kube-system', 'metrics')], AKS_LABEL),
      ],
    }),
    questions: [],
    findings: ['rbac.aks-label-mismatch:info:metrics-reader'],
  },
  {
    name: 'aks-cluster-admin-binding as AKS makes it is left out',
    facts: facts({
      clusterRoleBindings: [
        crb(
          'aks-cluster-admin-binding',
          'cluster-admin',
          [user('clusterAdmin'), user('clusterUser')],
          AKS_LABEL,
        ),
      ],
    }),
    questions: [[person('clusterUser'), R('list', 'secrets'), true]],
    findings: [],
    excluded: ['ClusterRoleBinding/aks-cluster-admin-binding'],
  },
  {
    name: 'aks-cluster-admin-binding with an extra subject is not AKS’s',
    facts: facts({
      clusterRoleBindings: [
        crb(
          'aks-cluster-admin-binding',
          'cluster-admin',
          [user('clusterAdmin'), user('clusterUser'), user('eve@contoso.com')],
          AKS_LABEL,
        ),
      ],
    }),
    questions: [],
    findings: [
      'rbac.aks-label-mismatch:medium:aks-cluster-admin-binding',
      'rbac.cluster-admin:high:aks-cluster-admin-binding',
      'rbac.cluster-admin:high:aks-cluster-admin-binding',
      'rbac.cluster-admin:high:aks-cluster-admin-binding',
      'rbac.user-subject:medium:aks-cluster-admin-binding',
      'rbac.user-subject:medium:aks-cluster-admin-binding',
      'rbac.user-subject:medium:aks-cluster-admin-binding',
    ],
  },
  {
    name: 'the Entra admin group binding matching aadProfile.adminGroupObjectIDs: info, never high',
    facts: withCluster(
      facts({
        clusterRoleBindings: [
          crb('aks-cluster-admin-binding-aad', 'cluster-admin', [group(ADMIN_GROUP)], AKS_LABEL),
        ],
      }),
      { ...V131, adminGroupObjectIDs: [ADMIN_GROUP.toUpperCase()] },
    ),
    questions: [[person('a@contoso.com', [ADMIN_GROUP]), R('delete', 'nodes'), true]],
    findings: ['rbac.aks-admin-group:info:aks-cluster-admin-binding-aad'],
    excluded: ['ClusterRoleBinding/aks-cluster-admin-binding-aad'],
  },
  {
    name: 'the admin group binding with a group AKS was not told about: that group is high',
    facts: withCluster(
      facts({
        clusterRoleBindings: [
          crb(
            'aks-cluster-admin-binding-aad',
            'cluster-admin',
            [group(ADMIN_GROUP), group('0b7e9a52-41c3-4d8e-9f6a-2c1d3e4f5a6b')],
            AKS_LABEL,
          ),
        ],
      }),
      { ...V131, adminGroupObjectIDs: [ADMIN_GROUP] },
    ),
    questions: [],
    findings: [
      'rbac.aks-admin-group:info:aks-cluster-admin-binding-aad',
      'rbac.aks-label-mismatch:medium:aks-cluster-admin-binding-aad',
      'rbac.cluster-admin:high:aks-cluster-admin-binding-aad',
    ],
  },
  {
    name: 'another binding of cluster-admin to the admin group: info, never high',
    facts: withCluster(
      facts({ clusterRoleBindings: [crb('ops-admins', 'cluster-admin', [group(ADMIN_GROUP)])] }),
      { adminGroupObjectIDs: [ADMIN_GROUP] },
    ),
    questions: [],
    findings: ['rbac.aks-admin-group:info:ops-admins'],
  },
  {
    name: 'without ARM, the admin group binding is recognised by Entra group object ids',
    facts: facts({
      clusterRoleBindings: [
        crb('aks-cluster-admin-binding-aad', 'cluster-admin', [group(ADMIN_GROUP)], AKS_LABEL),
      ],
    }),
    questions: [],
    findings: ['rbac.aks-admin-group:info:aks-cluster-admin-binding-aad'],
    excluded: ['ClusterRoleBinding/aks-cluster-admin-binding-aad'],
  },
  // --- Users, default ServiceAccounts, missing roles ---
  {
    name: 'a user bound to cluster-admin',
    facts: facts({
      clusterRoleBindings: [crb('jordan', 'cluster-admin', [user('jordan@contoso.com')])],
    }),
    questions: [],
    findings: ['rbac.cluster-admin:high:jordan', 'rbac.user-subject:medium:jordan'],
  },
  {
    name: 'the default ServiceAccount bound to edit in its namespace',
    facts: facts({
      roleBindings: [rb('shop', 'default-edit', 'ClusterRole', 'edit', [sa('shop', 'default')])],
    }),
    questions: [
      [saIdentity('shop', 'default'), R('create', 'pods', 'shop', { subresource: 'exec' }), true],
    ],
    findings: [
      'rbac.default-service-account:medium:default-edit',
      'rbac.escalation:medium:default-edit',
      'rbac.secrets-read:low:default-edit',
    ],
  },
  {
    name: 'a binding to a role that does not exist',
    facts: facts({ roleBindings: [rb('shop', 'ghost', 'Role', 'gone', [group('g')])] }),
    questions: [[person('x', ['g']), R('get', 'pods', 'shop'), false]],
    findings: ['rbac.missing-role:low:ghost'],
  },
  {
    name: 'a RoleBinding names a Role of another namespace: it does not exist here',
    facts: facts({
      roles: [role('other', 'reader', [rule(['get'], [''], ['pods'])])],
      roleBindings: [rb('shop', 'wrong-ns', 'Role', 'reader', [group('g')])],
    }),
    questions: [[person('x', ['g']), R('get', 'pods', 'shop', { name: 'a' }), false]],
    findings: ['rbac.missing-role:low:wrong-ns'],
  },
  {
    name: 'a ClusterRoleBinding cannot name a Role',
    facts: facts({
      roles: [role('shop', 'reader', [rule(['*'], ['*'], ['*'])])],
      clusterRoleBindings: [crb('crb-role', 'reader', [group('g')], undefined, 'Role')],
    }),
    questions: [[person('x', ['g']), R('get', 'pods', 'shop', { name: 'a' }), false]],
    findings: ['rbac.missing-role:low:crb-role'],
  },
  // --- Aggregated ClusterRoles ---
  {
    name: 'an aggregated role with stale stored rules is resolved from its selectors',
    facts: facts({
      clusterRoles: [
        clusterRole('team-edit', [], {
          aggregationRule: {
            clusterRoleSelectors: [{ matchLabels: { 'example.com/aggregate-to-team': 'true' } }],
          },
        }),
        clusterRole('team-secrets', [rule(['list'], [''], ['secrets'])], {
          labels: { 'example.com/aggregate-to-team': 'true' },
        }),
      ],
      roleBindings: [rb('shop', 'team', 'ClusterRole', 'team-edit', [group('team')])],
    }),
    questions: [[person('x', ['team']), R('list', 'secrets', 'shop'), true]],
    findings: ['rbac.secrets-read:low:team'],
  },
  {
    name: 'a custom role that feeds edit with exec rights',
    facts: facts({
      clusterRoles: [
        clusterRole('extra-exec', [rule(['create'], [''], ['pods/exec'])], {
          labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' },
        }),
      ],
    }),
    questions: [],
    findings: ['rbac.aggregated-role:medium:extra-exec'],
  },
  {
    name: 'an aggregation rule with an empty selector collects every ClusterRole',
    facts: facts({
      clusterRoles: [
        clusterRole('everything', [], { aggregationRule: { clusterRoleSelectors: [{}] } }),
      ],
      clusterRoleBindings: [crb('sneaky', 'everything', [group('g')])],
    }),
    questions: [[person('x', ['g']), { verb: '*', group: '*', resource: '*' }, true]],
    findings: ['rbac.cluster-admin:high:sneaky'],
  },
  {
    name: 'a refused list is a finding, not a pass',
    facts: facts({ forbidden: ['clusterrolebindings'] }),
    questions: [],
    findings: ['rbac.forbidden:medium:-'],
  },
  {
    name: 'Group system:nodes is the nodes’ own group (exempt by exact name)',
    facts: facts({
      clusterRoleBindings: [
        crb('system:aks-client-nodes', 'system:node', [group('system:nodes')], AKS_LABEL),
      ],
    }),
    questions: [],
    findings: [],
    excluded: ['ClusterRoleBinding/system:aks-client-nodes'],
  },
];
