// Hostile review of which subjects are left unchecked as Kubernetes' own: only the identities the
// Kubernetes bootstrap policy creates, by exact name (plugin/pkg/auth/authorizer/rbac/
// bootstrappolicy: controller-role-bindings, namespace-role-bindings). A name that merely follows
// their pattern is anyone's to choose.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../../src/checks/rbac/check-bindings.js';
import {
  BOOT,
  G,
  clusterRole,
  crb,
  facts,
  group,
  rb,
  role,
  rule,
  sa,
  urls,
  user,
} from '../rbac-fixtures.js';

const ids = (f: ReturnType<typeof facts>) =>
  checkRbac(f).findings.map((x) => `${x.id}:${x.severity}:${x.object?.name ?? '-'}`);

describe('controller ServiceAccounts are exempt only under the bootstrap names', () => {
  it('a third-party system:controller:<name> binding with secrets and everything is checked', () => {
    const name = 'system:controller:backup-operator';
    const f = facts({
      clusterRoles: [clusterRole(name, [rule(['*'], ['*'], ['*'])])],
      clusterRoleBindings: [crb(name, name, [sa('kube-system', 'backup-operator')])],
    });
    expect(ids(f)).toContain(`rbac.cluster-admin:high:${name}`);
    expect(checkRbac(f).excluded).toEqual([]);
  });

  it('a RoleBinding named after a cluster controller, in a user namespace, is checked', () => {
    const name = 'system:controller:deployment-controller';
    const f = facts({
      roles: [role('shop', name, [rule(['get', 'list'], [''], ['secrets'])])],
      roleBindings: [rb('shop', name, 'Role', name, [sa('kube-system', 'deployment-controller')])],
    });
    expect(ids(f)).toContain(`rbac.secrets-read:low:${name}`);
  });

  it('the bootstrap controller bindings stay out (cluster-wide and the namespaced three)', () => {
    const gc = 'system:controller:generic-garbage-collector';
    const signer = 'system:controller:bootstrap-signer';
    const f = facts({
      clusterRoles: [
        clusterRole(gc, [rule(['delete', 'get', 'list'], ['*'], ['*'])], { labels: BOOT }),
      ],
      roles: [
        role('kube-system', signer, [rule(['get', 'list', 'watch'], [''], ['secrets'])]),
        role('kube-public', signer, [rule(['update'], [''], ['configmaps'])]),
      ],
      clusterRoleBindings: [crb(gc, gc, [sa('kube-system', 'generic-garbage-collector')], BOOT)],
      roleBindings: [
        rb('kube-system', signer, 'Role', signer, [sa('kube-system', 'bootstrap-signer')]),
        rb('kube-public', signer, 'Role', signer, [sa('kube-system', 'bootstrap-signer')]),
      ],
    });
    expect(ids(f)).toEqual([]);
    expect(checkRbac(f).excluded.map((e) => e.binding)).toEqual([
      `ClusterRoleBinding/${gc}`,
      `RoleBinding/kube-system/${signer}`,
      `RoleBinding/kube-public/${signer}`,
    ]);
  });
});

describe('kube-proxy and the scheduler are exempt in their bootstrap bindings only while those roles stay narrow', () => {
  // RBAC reads the role by name at each request: an edited system:node-proxier hands whatever was
  // added to every holder of the kube-proxy credential (one per node).
  const proxier = (rules: ReturnType<typeof rule>[]) =>
    facts({
      clusterRoles: [clusterRole('system:node-proxier', rules, { labels: BOOT })],
      clusterRoleBindings: [
        crb('system:node-proxier', 'system:node-proxier', [user('system:kube-proxy')], BOOT),
      ],
    });

  it('the bootstrap role (endpoints, services, nodes, events) stays out', () => {
    const f = proxier([
      rule(['list', 'watch'], [''], ['endpoints', 'services']),
      rule(['get', 'list', 'watch'], [''], ['nodes']),
      rule(['create', 'patch', 'update'], ['', 'events.k8s.io'], ['events']),
    ]);
    expect(ids(f)).toEqual([]);
    expect(checkRbac(f).excluded.map((e) => e.binding)).toEqual([
      'ClusterRoleBinding/system:node-proxier',
    ]);
  });

  it('the role edited to grant everything is cluster-admin for system:kube-proxy', () => {
    const f = proxier([rule(['*'], ['*'], ['*'])]);
    expect(ids(f)).toContain('rbac.cluster-admin:high:system:node-proxier');
  });
});

describe('Kubernetes default bindings for broad groups, as a cluster upgraded from before 1.14 keeps them', () => {
  // KEP-789 removed system:unauthenticated from system:discovery and system:basic-user for new
  // clusters; an upgraded cluster keeps the subject. Only the subject beyond today's default is news.
  const DISCOVERY = clusterRole(
    'system:discovery',
    [
      urls(
        ['get'],
        [
          '/api',
          '/api/*',
          '/apis',
          '/apis/*',
          '/healthz',
          '/livez',
          '/openapi',
          '/openapi/*',
          '/readyz',
          '/version',
          '/version/',
        ],
      ),
    ],
    { labels: BOOT },
  );
  const discovery = (subjects: Parameters<typeof crb>[2]) =>
    facts({
      clusterRoles: [DISCOVERY],
      clusterRoleBindings: [crb('system:discovery', 'system:discovery', subjects, BOOT)],
    });

  it('system:unauthenticated is reported, system:authenticated (the default) is not', () => {
    const f = discovery([group('system:authenticated'), group('system:unauthenticated')]);
    const found = checkRbac(f).findings.map((x) => `${x.id}:${x.severity}:${x.subject ?? '-'}`);
    expect(found).toEqual(['rbac.anonymous:high:Group system:unauthenticated']);
  });

  it('a person added to the default binding is reported, the default group still not', () => {
    const f = discovery([group('system:authenticated'), user('alice@contoso.com')]);
    const found = checkRbac(f).findings.map((x) => `${x.id}:${x.subject ?? '-'}`);
    expect(found).toEqual(['rbac.user-subject:User alice@contoso.com']);
  });

  it('today’s default alone stays out', () => {
    const f = discovery([group('system:authenticated')]);
    expect(ids(f)).toEqual([]);
    expect(checkRbac(f).excluded.map((e) => e.binding)).toEqual([
      'ClusterRoleBinding/system:discovery',
    ]);
  });
});

describe('controller bindings are exempt only while their role grants no more than Kubernetes gives it', () => {
  const controller = (c: string, rules: ReturnType<typeof rule>[] | undefined) => {
    const name = `system:controller:${c}`;
    return facts({
      clusterRoles: rules ? [clusterRole(name, rules, { labels: BOOT })] : [],
      clusterRoleBindings: [crb(name, name, [sa('kube-system', c)], BOOT)],
    });
  };

  it('job-controller edited to grant everything is cluster-admin', () => {
    const f = controller('job-controller', [rule(['*'], ['*'], ['*'])]);
    expect(ids(f)).toContain('rbac.cluster-admin:high:system:controller:job-controller');
    expect(checkRbac(f).excluded).toEqual([]);
  });

  it('job-controller given secrets beyond its pods is reported', () => {
    const f = controller('job-controller', [
      rule(['create', 'delete', 'list', 'patch', 'watch'], [''], ['pods']),
      rule(['get', 'list'], [''], ['secrets']),
    ]);
    expect(ids(f).some((x) => x.startsWith('rbac.secrets-read:'))).toBe(true);
  });

  it('a controller binding whose role is missing is checked, not exempt', () => {
    const f = controller('job-controller', undefined);
    expect(checkRbac(f).excluded).toEqual([]);
    expect(ids(f)).toContain('rbac.missing-role:low:system:controller:job-controller');
  });

  it('the genuine powerful bootstrap roles stay out', () => {
    const CERTS = 'certificates.k8s.io';
    const genuine: Array<[string, ReturnType<typeof rule>[]]> = [
      [
        'namespace-controller',
        [
          rule(['delete', 'get', 'list', 'watch'], [''], ['namespaces']),
          rule(['update'], [''], ['namespaces/finalize', 'namespaces/status']),
          rule(['delete', 'deletecollection', 'get', 'list', 'watch'], ['*'], ['*']),
        ],
      ],
      [
        'clusterrole-aggregation-controller',
        [rule(['escalate', 'get', 'list', 'patch', 'update', 'watch'], [G], ['clusterroles'])],
      ],
      [
        'certificate-controller',
        [
          rule(['delete', 'get', 'list', 'watch'], [CERTS], ['certificatesigningrequests']),
          rule(
            ['update'],
            [CERTS],
            ['certificatesigningrequests/approval', 'certificatesigningrequests/status'],
          ),
          rule(['approve'], [CERTS], ['signers'], ['kubernetes.io/kube-apiserver-client-kubelet']),
          rule(
            ['sign'],
            [CERTS],
            ['signers'],
            [
              'kubernetes.io/kube-apiserver-client',
              'kubernetes.io/kube-apiserver-client-kubelet',
              'kubernetes.io/kubelet-serving',
              'kubernetes.io/legacy-unknown',
            ],
          ),
          rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
          rule(['create', 'patch', 'update'], ['', 'events.k8s.io'], ['events']),
        ],
      ],
      [
        'job-controller',
        [
          rule(['get', 'list', 'patch', 'update', 'watch'], ['batch'], ['jobs']),
          rule(['update'], ['batch'], ['jobs/status', 'jobs/finalizers']),
          rule(['create', 'delete', 'list', 'patch', 'watch'], [''], ['pods']),
          rule(['create', 'patch', 'update'], ['', 'events.k8s.io'], ['events']),
        ],
      ],
      [
        'resourcequota-controller',
        [rule(['list', 'watch'], ['*'], ['*']), rule(['update'], [''], ['resourcequotas/status'])],
      ],
      [
        'horizontal-pod-autoscaler',
        [
          rule(['get', 'update'], ['*'], ['*/scale']),
          rule(['get', 'list', 'watch'], ['custom.metrics.k8s.io'], ['*']),
        ],
      ],
      [
        'persistent-volume-binder',
        [
          rule(['create', 'delete', 'get', 'list', 'update', 'watch'], [''], ['persistentvolumes']),
          rule(['create', 'delete', 'get', 'list', 'watch'], [''], ['pods']),
        ],
      ],
      ['service-account-controller', [rule(['create'], [''], ['serviceaccounts'])]],
    ];
    for (const [c, rules] of genuine) {
      const f = controller(c, rules);
      expect([c, ids(f)]).toEqual([c, []]);
    }
  });
});
