// Hostile review of the RBAC verdicts, case by case from the Kubernetes RBAC documentation and the
// authorizer's matching rules (not from the project's corpus): each case is one role bound one way,
// and the finding ids the checks must (or must not) give for it.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../../src/checks/rbac/check-bindings.js';
import type { PolicyRule, Subject } from '../../../src/model/rbac.js';
import {
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

const RBAC = 'rbac.authorization.k8s.io';
const TEAM = group('0b0c8a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c');

interface Case {
  name: string;
  rules: PolicyRule[];
  /** Where the role is bound: cluster-wide, or by a RoleBinding in `shop`. */
  scope?: 'cluster' | 'namespace';
  subject?: Subject;
  /** Finding ids that must appear. */
  has: string[];
  /** Finding ids that must not appear. */
  not?: string[];
}

const CASES: Case[] = [
  // Wildcards: `*` is a wildcard only as a whole entry (and `*/sub`).
  {
    name: '* in apiGroups covers the core group',
    rules: [rule(['get'], ['*'], ['secrets'])],
    has: ['rbac.secrets-read'],
  },
  {
    name: '* in resources covers subresources (pods/exec)',
    rules: [rule(['create'], [''], ['*'])],
    has: ['rbac.escalation'],
  },
  {
    name: '*/exec covers pods/exec',
    rules: [rule(['create'], [''], ['*/exec'])],
    has: ['rbac.escalation'],
  },
  {
    // In a RoleBinding outside kube-system: create pods in kube-system is an escalation itself.
    // (Creating pods reads the namespace's Secrets indirectly: RBAC good practices.)
    name: 'pods does not cover pods/exec',
    scope: 'namespace',
    rules: [rule(['create'], [''], ['pods'])],
    has: ['rbac.secrets-read'],
    not: ['rbac.escalation'],
  },
  {
    name: 'verb * covers get on secrets',
    rules: [rule(['*'], [''], ['secrets'])],
    has: ['rbac.secrets-read', 'rbac.wildcard'],
  },
  {
    name: 'list secrets leaks them',
    rules: [rule(['list'], [''], ['secrets'])],
    has: ['rbac.secrets-read'],
  },
  {
    name: 'watch secrets leaks them',
    rules: [rule(['watch'], [''], ['secrets'])],
    has: ['rbac.secrets-read'],
  },
  {
    name: 'secrets in apps group is not core secrets',
    rules: [rule(['get'], ['apps'], ['secrets'])],
    has: [],
    not: ['rbac.secrets-read'],
  },
  {
    name: 'everything is cluster-admin',
    rules: [rule(['*'], ['*'], ['*'])],
    has: ['rbac.cluster-admin'],
  },
  // Impersonation.
  {
    name: 'impersonate users (core)',
    rules: [rule(['impersonate'], [''], ['users'])],
    has: ['rbac.escalation'],
  },
  {
    name: 'impersonate groups (core)',
    rules: [rule(['impersonate'], [''], ['groups'])],
    has: ['rbac.escalation'],
  },
  {
    name: 'impersonate serviceaccounts (core)',
    rules: [rule(['impersonate'], [''], ['serviceaccounts'])],
    has: ['rbac.escalation'],
  },
  {
    name: 'impersonate system:masters by name',
    rules: [rule(['impersonate'], [''], ['groups'], ['system:masters'])],
    has: ['rbac.escalation'],
  },
  {
    name: 'impersonate in * group',
    rules: [rule(['impersonate'], ['*'], ['users'])],
    has: ['rbac.escalation'],
  },
  {
    name: '* on apps in a namespace is a wildcard only',
    scope: 'namespace',
    rules: [rule(['*'], ['apps'], ['*'])],
    has: ['rbac.wildcard'],
    not: ['rbac.escalation', 'rbac.cluster-admin'],
  },
  {
    name: 'impersonate users in apps is nothing',
    rules: [rule(['impersonate'], ['apps'], ['users'])],
    has: [],
    not: ['rbac.escalation'],
  },
  // escalate / bind.
  {
    name: 'escalate clusterroles',
    rules: [rule(['escalate'], [RBAC], ['clusterroles'])],
    has: ['rbac.escalation'],
  },
  {
    name: 'escalate roles',
    rules: [rule(['escalate'], [RBAC], ['roles'])],
    has: ['rbac.escalation'],
  },
  {
    name: 'bind clusterroles',
    rules: [rule(['bind'], [RBAC], ['clusterroles'])],
    has: ['rbac.escalation'],
  },
  {
    name: 'bind cluster-admin by name',
    rules: [rule(['bind'], [RBAC], ['clusterroles'], ['cluster-admin'])],
    has: ['rbac.escalation'],
  },
  {
    name: 'bind view by name is the documented narrow grant',
    rules: [rule(['bind'], [RBAC], ['clusterroles'], ['view'])],
    has: [],
    not: ['rbac.escalation'],
  },
  // Pod subresources and tokens.
  {
    name: 'create pods/exec',
    rules: [rule(['create'], [''], ['pods/exec'])],
    has: ['rbac.escalation'],
  },
  {
    name: 'create pods/exec in a RoleBinding',
    scope: 'namespace',
    rules: [rule(['create'], [''], ['pods/exec'])],
    has: ['rbac.escalation'],
  },
  {
    name: 'create serviceaccounts/token',
    rules: [rule(['create'], [''], ['serviceaccounts/token'])],
    has: ['rbac.escalation'],
  },
  {
    name: 'get nodes/proxy',
    rules: [rule(['get'], [''], ['nodes/proxy'])],
    has: ['rbac.escalation'],
  },
  // Approving a CSR takes update on certificatesigningrequests/approval AND approve on the signer
  // (by name, or `<domain>/*`): Certificate Signing Requests, "Authorization".
  {
    name: 'update csr approval with approve on the client signer',
    rules: [
      rule(['update'], ['certificates.k8s.io'], ['certificatesigningrequests/approval']),
      rule(
        ['approve'],
        ['certificates.k8s.io'],
        ['signers'],
        ['kubernetes.io/kube-apiserver-client'],
      ),
    ],
    has: ['rbac.escalation'],
  },
  {
    name: 'patch csr approval with approve on kubernetes.io/*',
    rules: [
      rule(['patch'], ['certificates.k8s.io'], ['certificatesigningrequests/approval']),
      rule(['approve'], ['certificates.k8s.io'], ['signers'], ['kubernetes.io/*']),
    ],
    has: ['rbac.escalation'],
  },
  {
    name: 'update csr approval with approve on every signer (* verbs, no names)',
    rules: [
      rule(['update'], ['certificates.k8s.io'], ['certificatesigningrequests/approval']),
      rule(['*'], ['certificates.k8s.io'], ['signers']),
    ],
    has: ['rbac.escalation'],
  },
  {
    name: 'update csr approval alone cannot approve (no signer right)',
    rules: [rule(['update'], ['certificates.k8s.io'], ['certificatesigningrequests/approval'])],
    has: [],
    not: ['rbac.escalation'],
  },
  {
    name: 'approve on signers alone cannot approve (no approval update)',
    rules: [rule(['approve'], ['certificates.k8s.io'], ['signers'])],
    has: [],
    not: ['rbac.escalation'],
  },
  {
    name: "approval for a custom signer's certificates only is no client-certificate path",
    rules: [
      rule(['update'], ['certificates.k8s.io'], ['certificatesigningrequests/approval']),
      rule(
        ['approve'],
        ['certificates.k8s.io'],
        ['signers'],
        ['example.com/my-signer', 'example.com/*'],
      ),
    ],
    has: [],
    not: ['rbac.escalation'],
  },
  {
    name: 'create mutating webhooks',
    rules: [rule(['create'], ['admissionregistration.k8s.io'], ['mutatingwebhookconfigurations'])],
    has: ['rbac.escalation'],
  },
  // Non-resource URLs never grant resource rights.
  {
    name: 'nonResourceURLs * is not cluster-admin',
    rules: [urls(['*'], ['*'])],
    has: [],
    not: ['rbac.cluster-admin', 'rbac.secrets-read', 'rbac.escalation'],
  },
  // resourceNames narrowing.
  {
    name: 'get one named secret is not secrets-read',
    rules: [rule(['get'], [''], ['secrets'], ['app-tls'])],
    has: [],
    not: ['rbac.secrets-read'],
  },
  {
    name: 'exec into a named pod still counts',
    rules: [rule(['create'], [''], ['pods/exec'], ['db-0'])],
    has: ['rbac.escalation'],
  },
];

function run(c: Case) {
  const subject = c.subject ?? TEAM;
  const scope = c.scope ?? 'cluster';
  const f =
    scope === 'cluster'
      ? facts({
          clusterRoles: [clusterRole('r', c.rules)],
          clusterRoleBindings: [crb('b', 'r', [subject])],
        })
      : facts({
          roles: [role('shop', 'r', c.rules)],
          roleBindings: [rb('shop', 'b', 'Role', 'r', [subject])],
          // Pod Security baseline enforced in shop: creating pods there gives no node access, so
          // these cases judge only the rule itself (the unenforced case: rbac-create-pods-node-access).
          podSecurityEnforce: { shop: 'baseline' },
        });
  return checkRbac(f).findings.map((x) => x.id);
}

describe('RBAC verdicts, from the RBAC documentation', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const ids = run(c);
    for (const id of c.has) expect(ids, c.name).toContain(id);
    for (const id of c.not ?? []) expect(ids, c.name).not.toContain(id);
  });
});

describe('subjects that mean "anyone" are never dropped', () => {
  const someRole = [rule(['get'], [''], ['configmaps'])];
  it.each([
    ['Group system:authenticated', group('system:authenticated')],
    ['Group system:unauthenticated', group('system:unauthenticated')],
    ['User system:anonymous', user('system:anonymous')],
  ] as const)('%s bound to a custom role is rbac.anonymous', (_, s) => {
    expect(run({ name: '', rules: someRole, subject: s, has: [] })).toContain('rbac.anonymous');
  });
  it.each([
    ['Group system:authenticated', group('system:authenticated')],
    ['User system:anonymous', user('system:anonymous')],
  ] as const)('%s bound to a role that does not exist yet is still reported as anyone', (_, s) => {
    const f = facts({ clusterRoleBindings: [crb('b', 'not-yet', [s])] });
    const found = checkRbac(f).findings;
    expect(found.map((x) => x.id)).toContain('rbac.missing-role');
    expect(found.map((x) => x.id)).toContain('rbac.anonymous');
  });
  it('system:serviceaccounts bound to secrets reading is reported', () => {
    const ids = run({
      name: '',
      rules: [rule(['get'], [''], ['secrets'])],
      subject: group('system:serviceaccounts'),
      has: [],
    });
    expect(ids).toContain('rbac.secrets-read');
  });
  it('a ServiceAccount with its namespace in a ClusterRoleBinding is checked', () => {
    const ids = run({
      name: '',
      rules: [rule(['*'], ['*'], ['*'])],
      subject: sa('ci', 'deployer'),
      has: [],
    });
    expect(ids).toContain('rbac.cluster-admin');
  });
  it('a person bound directly is rbac.user-subject', () => {
    expect(
      run({
        name: '',
        rules: [rule(['get'], [''], ['pods'])],
        subject: user('alice@contoso.com'),
        has: [],
      }),
    ).toContain('rbac.user-subject');
  });
  it('a RoleBinding to cluster-admin is full control of its namespace only', () => {
    const f = facts({ roleBindings: [rb('shop', 'b', 'ClusterRole', 'cluster-admin', [TEAM])] });
    const found = checkRbac(f).findings.filter((x) => x.id === 'rbac.cluster-admin');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('medium');
  });
});

describe('aggregated ClusterRoles', () => {
  it('a binding to an aggregating role with no rules of its own gets the picked rules', () => {
    const agg = clusterRole('agg', [], {
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'x/agg': 'true' } }] },
    });
    const part = clusterRole('part', [rule(['get'], [''], ['secrets'])], {
      labels: { 'x/agg': 'true' },
    });
    const f = facts({ clusterRoles: [agg, part], clusterRoleBindings: [crb('b', 'agg', [TEAM])] });
    expect(checkRbac(f).findings.map((x) => x.id)).toContain('rbac.secrets-read');
  });
});

describe('a custom role aggregated into edit that approves CSRs', () => {
  // The role reaches everyone bound to edit or admin; judged through a test binding the cluster
  // does not hold, so its own rules must count, and one half of the approval is enough: those
  // holders may have the other half from another binding.
  const CERTS = 'certificates.k8s.io';
  const severity = (rules: PolicyRule[]) => {
    const role = clusterRole('csr-helper', rules, {
      labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' },
    });
    return checkRbac(facts({ clusterRoles: [role] })).findings.find(
      (f) => f.id === 'rbac.aggregated-role',
    )?.severity;
  };
  const update = rule(['update'], [CERTS], ['certificatesigningrequests/approval']);
  const approve = rule(['approve'], [CERTS], ['signers'], ['kubernetes.io/kube-apiserver-client']);

  it('both halves in the role: medium', () => {
    expect(severity([update, approve])).toBe('medium');
  });
  it('either half alone: medium', () => {
    expect(severity([update])).toBe('medium');
    expect(severity([approve])).toBe('medium');
  });
  it('a harmless rule: info', () => {
    expect(severity([rule(['get'], [CERTS], ['certificatesigningrequests'])])).toBe('info');
  });
});

describe('create pods reaches kube-system only from a cluster-wide binding', () => {
  it('a ClusterRoleBinding with create pods is an escalation (pods in kube-system)', () => {
    const f = facts({
      clusterRoles: [clusterRole('r', [rule(['create'], [''], ['pods'])])],
      clusterRoleBindings: [crb('b', 'r', [TEAM])],
    });
    expect(checkRbac(f).findings.map((x) => x.id)).toContain('rbac.escalation');
  });
});

describe('workload creation and PersistentVolumes (RBAC good practices)', () => {
  const cases: Array<[string, PolicyRule]> = [
    ['create daemonsets.apps', rule(['create'], ['apps'], ['daemonsets'])],
    ['create deployments.apps', rule(['create'], ['apps'], ['deployments'])],
    ['patch deployments.apps', rule(['patch'], ['apps'], ['deployments'])],
    ['create cronjobs.batch', rule(['create'], ['batch'], ['cronjobs'])],
    ['create jobs.batch', rule(['create'], ['batch'], ['jobs'])],
    ['update replicationcontrollers', rule(['update'], [''], ['replicationcontrollers'])],
    ['update pods (image change runs new code)', rule(['update'], [''], ['pods'])],
    [
      'patch the coredns Deployment by name',
      rule(['patch'], ['apps'], ['deployments'], ['coredns']),
    ],
    ['create persistentvolumes', rule(['create'], [''], ['persistentvolumes'])],
  ];
  it.each(cases)('%s cluster-wide is rbac.escalation', (_, r) => {
    const f = facts({
      clusterRoles: [clusterRole('r', [r])],
      clusterRoleBindings: [crb('b', 'r', [TEAM])],
    });
    expect(checkRbac(f).findings.map((x) => x.id)).toContain('rbac.escalation');
  });
  it.each(cases.slice(0, 7))('%s in a RoleBinding outside kube-system is not', (_, r) => {
    const f = facts({
      roles: [role('shop', 'r', [r])],
      roleBindings: [rb('shop', 'b', 'Role', 'r', [TEAM])],
      // With Pod Security baseline enforced there (else it is node access: an escalation).
      podSecurityEnforce: { shop: 'baseline' },
    });
    expect(checkRbac(f).findings.map((x) => x.id)).not.toContain('rbac.escalation');
  });
  // "Permission to create workloads" (RBAC good practices): the create rights.
  it.each(cases.slice(0, 5).filter(([name]) => name.startsWith('create')))(
    '%s in a RoleBinding outside kube-system reads its Secrets, indirectly',
    (_, r) => {
      const f = facts({
        roles: [role('shop', 'r', [r])],
        roleBindings: [rb('shop', 'b', 'Role', 'r', [TEAM])],
      });
      const found = checkRbac(f).findings.filter((x) => x.id === 'rbac.secrets-read');
      expect(found.map((x) => x.severity)).toEqual(['low']);
      expect(found[0]!.message).toContain('indirectly');
      expect(found[0]!.message).toContain('a pod can mount any Secret of its namespace');
    },
  );
  it('create statefulsets, replicasets or replicationcontrollers too; a pods/exec right does not', () => {
    const ids = (r: PolicyRule) =>
      checkRbac(
        facts({
          roles: [role('shop', 'r', [r])],
          roleBindings: [rb('shop', 'b', 'Role', 'r', [TEAM])],
        }),
      ).findings.map((x) => x.id);
    expect(ids(rule(['create'], ['apps'], ['statefulsets']))).toContain('rbac.secrets-read');
    expect(ids(rule(['create'], ['apps'], ['replicasets']))).toContain('rbac.secrets-read');
    expect(ids(rule(['create'], [''], ['replicationcontrollers']))).toContain('rbac.secrets-read');
    expect(ids(rule(['create'], [''], ['pods/exec']))).not.toContain('rbac.secrets-read');
    expect(ids(rule(['get', 'list'], ['apps'], ['deployments']))).not.toContain(
      'rbac.secrets-read',
    );
  });
  it('a role that reads Secrets and creates pods (edit) gets one finding, the direct one', () => {
    const f = facts({ roleBindings: [rb('shop', 'b', 'ClusterRole', 'edit', [TEAM])] });
    const found = checkRbac(f).findings.filter((x) => x.id === 'rbac.secrets-read');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).not.toContain('indirectly');
  });
  it('create pods cluster-wide: Secrets of every namespace, high', () => {
    const f = facts({
      clusterRoles: [clusterRole('r', [rule(['create'], [''], ['pods'])])],
      clusterRoleBindings: [crb('b', 'r', [TEAM])],
    });
    const found = checkRbac(f).findings.filter((x) => x.id === 'rbac.secrets-read');
    expect(found.map((x) => [x.severity, x.message.includes('indirectly')])).toEqual([
      ['high', true],
    ]);
  });
  it('create deployments in a RoleBinding in kube-system is rbac.escalation', () => {
    const r = rule(['create'], ['apps'], ['deployments']);
    const f = facts({
      roles: [role('kube-system', 'r', [r])],
      roleBindings: [rb('kube-system', 'b', 'Role', 'r', [TEAM])],
    });
    expect(checkRbac(f).findings.map((x) => x.id)).toContain('rbac.escalation');
  });
});

describe('impersonation is asked in the core group only', () => {
  it('* on apps cluster-wide is never called impersonation', () => {
    const f = facts({
      clusterRoles: [clusterRole('r', [rule(['*'], ['apps'], ['*'])])],
      clusterRoleBindings: [crb('b', 'r', [TEAM])],
    });
    const texts = checkRbac(f).findings.map((x) => x.message);
    expect(texts.join(' ')).not.toMatch(/impersonat/);
  });
});

describe("Kubernetes' default bindings for broad groups", () => {
  const PUBLIC = ['system:authenticated', 'system:unauthenticated'].map(group);
  const publicInfo = (rules: PolicyRule[]) =>
    facts({
      clusterRoles: [clusterRole('system:public-info-viewer', rules)],
      clusterRoleBindings: [crb('system:public-info-viewer', 'system:public-info-viewer', PUBLIC)],
    });
  it('are left out while their role holds only its bootstrap rules', () => {
    const review = checkRbac(
      publicInfo([urls(['get'], ['/livez', '/readyz', '/healthz', '/version', '/version/'])]),
    );
    expect(review.findings).toEqual([]);
    expect(review.excluded.map((e) => e.binding)).toEqual([
      'ClusterRoleBinding/system:public-info-viewer',
    ]);
  });
  it('are reported once their role was edited to give anyone more (list pods)', () => {
    const review = checkRbac(
      publicInfo([
        urls(['get'], ['/healthz']),
        rule(['get', 'list'], [''], ['pods', 'configmaps']),
      ]),
    );
    expect(review.findings.map((f) => f.id)).toContain('rbac.anonymous');
    expect(review.excluded).toEqual([]);
  });
  it('are reported when the role opens another path (/metrics) to callers without credentials', () => {
    const review = checkRbac(publicInfo([urls(['get'], ['/healthz', '/metrics'])]));
    expect(review.findings.map((f) => f.id)).toContain('rbac.anonymous');
  });
});

describe('CSR approval needs both rights, from any of the subject’s bindings', () => {
  const CERTS = 'certificates.k8s.io';
  const approval = clusterRole('csr-approval', [
    rule(['update'], [CERTS], ['certificatesigningrequests/approval']),
  ]);
  const signer = clusterRole('client-signer', [
    rule(['approve'], [CERTS], ['signers'], ['kubernetes.io/kube-apiserver-client']),
  ]);
  const escalations = (bindings: ReturnType<typeof crb>[]) =>
    checkRbac(facts({ clusterRoles: [approval, signer], clusterRoleBindings: bindings }))
      .findings.filter((f) => f.id === 'rbac.escalation')
      .map((f) => f.object?.name)
      .sort();

  it('two bindings of one subject, one right each: both are reported', () => {
    expect(
      escalations([crb('approve', 'csr-approval', [TEAM]), crb('sign', 'client-signer', [TEAM])]),
    ).toEqual(['approve', 'sign']);
  });

  it('halves held by two groups: both reported (who is in both is not in RBAC)', () => {
    const other = group('7d1e2f3a-0b0c-4e5a-8b9c-1d2f3a4b5c6d');
    expect(
      escalations([crb('approve', 'csr-approval', [TEAM]), crb('sign', 'client-signer', [other])]),
    ).toEqual(['approve', 'sign']);
  });

  it('a user with one half, every signed-in identity with the other: the user can approve', () => {
    const everyone = group('system:authenticated');
    const alice = user('alice@contoso.com');
    expect(
      escalations([
        crb('approve', 'csr-approval', [alice]),
        crb('sign', 'client-signer', [everyone]),
      ]),
    ).toContain('approve');
  });

  it('a group that can approve alone (cluster-admin) does not make a one-half binding a finding', () => {
    // Its members can approve without this binding; the binding itself adds nothing to them.
    const admins = clusterRole('all', [rule(['*'], ['*'], ['*'])]);
    const f = facts({
      clusterRoles: [approval, signer, admins],
      clusterRoleBindings: [
        crb('approve', 'csr-approval', [user('alice@contoso.com')]),
        crb('admins', 'all', [group('system:masters'), group('aks-admins')]),
      ],
    });
    const names = checkRbac(f)
      .findings.filter((x) => x.id === 'rbac.escalation')
      .map((x) => x.object?.name);
    expect(names).not.toContain('approve');
  });

  it('halves held by two ServiceAccounts (or a user and one) give neither the capability', () => {
    const ci = sa('ci', 'deployer');
    const bot = sa('ops', 'bot');
    expect(
      escalations([crb('approve', 'csr-approval', [ci]), crb('sign', 'client-signer', [bot])]),
    ).toEqual([]);
    const alice = user('alice@contoso.com');
    expect(
      escalations([crb('approve', 'csr-approval', [alice]), crb('sign', 'client-signer', [bot])]),
    ).toEqual([]);
  });
});
