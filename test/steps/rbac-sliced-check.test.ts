// The rbac checks run in slices (the event loop free between them) give exactly the review of
// the checks run in one piece: on every case of the RBAC corpus, on random clusters, and on a
// cluster large enough to need many slices.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import type { RbacFacts } from '../../src/checks/rbac/types.js';
import { checkRbacInSlices } from '../../src/steps/rbac/sliced-check.js';
import { CASES } from '../checks/rbac-corpus.js';
import {
  ADMIN_GROUP,
  AKS_LABEL,
  clusterRole,
  crb,
  facts,
  group,
  rb,
  role,
  rule,
  sa,
  user,
} from '../checks/rbac-fixtures.js';

const subject = fc.oneof(
  fc.constantFrom('alice@contoso.com', 'bob', 'system:anonymous', 'system:kube-proxy').map(user),
  fc.constantFrom('devs', ADMIN_GROUP, 'system:authenticated', 'system:masters').map(group),
  fc
    .tuple(fc.constantFrom('team-a', 'kube-system', 'default'), fc.constantFrom('default', 'ci'))
    .map(([ns, name]) => sa(ns, name)),
);
const roleName = fc.constantFrom('cluster-admin', 'edit', 'view', 'reader', 'missing', 'secrets');
const cluster: fc.Arbitrary<RbacFacts> = fc
  .record({
    cluster: fc.array(
      fc.record({
        role: roleName,
        subjects: fc.array(subject, { maxLength: 3 }),
        labelled: fc.boolean(),
      }),
      { maxLength: 8 },
    ),
    namespaced: fc.array(
      fc.record({
        ns: fc.constantFrom('team-a', 'kube-system', 'default'),
        kind: fc.constantFrom('Role' as const, 'ClusterRole' as const),
        role: roleName,
        subjects: fc.array(subject, { maxLength: 3 }),
      }),
      { maxLength: 12 },
    ),
    admins: fc.boolean(),
  })
  .map(({ cluster, namespaced, admins }) =>
    facts({
      clusterRoleBindings: cluster.map((b, i) =>
        crb(`crb-${i}`, b.role, b.subjects, b.labelled ? AKS_LABEL : undefined),
      ),
      roleBindings: namespaced.map((b, i) => rb(b.ns, `rb-${i}`, b.kind, b.role, b.subjects)),
      roles: [
        role('team-a', 'reader', [rule(['get'], [''], ['secrets'])]),
        role('kube-system', 'secrets', [rule(['*'], [''], ['secrets'], ['tls'])]),
      ],
      clusterRoles: [clusterRole('secrets', [rule(['get', 'list'], [''], ['secrets'])])],
      cluster: {
        kubernetesVersion: '1.31.8',
        ...(admins ? { adminGroupObjectIDs: [ADMIN_GROUP] } : {}),
      },
    }),
  );

describe('the rbac checks in slices', () => {
  it('give the review of the checks in one piece on every corpus case', async () => {
    for (const c of CASES)
      expect(await checkRbacInSlices(c.facts), c.name).toEqual(checkRbac(c.facts));
  });

  it('give the review of the checks in one piece on random clusters', async () => {
    await fc.assert(
      fc.asyncProperty(cluster, async (f) => {
        expect(await checkRbacInSlices(f)).toEqual(checkRbac(f));
      }),
      { numRuns: 200 },
    );
  });

  it('let other work run meanwhile on a large cluster, with the same review', async () => {
    const many = facts({
      roleBindings: Array.from({ length: 20_000 }, (_, i) =>
        rb(`team-${i % 500}`, `rb-${i}`, 'ClusterRole', i % 3 ? 'edit' : 'view', [
          user(`user-${i}@contoso.com`),
          group(`group-${i % 50}`),
        ]),
      ),
    });
    let ranMeanwhile = false;
    setImmediate(() => (ranMeanwhile = true));
    const sliced = await checkRbacInSlices(many);
    expect(ranMeanwhile).toBe(true);
    expect(sliced).toEqual(checkRbac(many));
  }, 60_000);
});
