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

  it('let other work run meanwhile on a large cluster, in short slices, with the same review', async () => {
    const many = large();
    // A ticker that asks for a turn again each time it gets one: the gaps between its turns are
    // the stretches the checks held the event loop.
    const turns: number[] = [];
    let ticking = true;
    const tick = (): void => {
      turns.push(performance.now());
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const start = performance.now();
    const sliced = await checkRbacInSlices(many);
    const whole = performance.now() - start;
    ticking = false;
    const gaps = turns.slice(1).map((t, i) => t - turns[i]!);
    const longest = Math.max(...gaps);
    // The review after the last binding is one piece; everything before it is sliced. The
    // longest stretch is a small part of the whole (in one piece it would be all of it), and
    // other work had many turns, not one.
    expect(turns.length, `${turns.length} turns in ${whole.toFixed(0)} ms`).toBeGreaterThan(10);
    expect(longest, `longest ${longest.toFixed(1)} ms of ${whole.toFixed(0)} ms`).toBeLessThan(
      whole / 4,
    );
    expect(sliced).toEqual(checkRbac(many));
  }, 60_000);

  it('stops at the next turn once the look is abandoned', async () => {
    const many = large();
    const look = new AbortController();
    setImmediate(() => look.abort(new Error('look abandoned')));
    const start = performance.now();
    await expect(checkRbacInSlices(many, look.signal)).rejects.toThrow('look abandoned');
    const stopped = performance.now() - start;
    // In slices of a few ms: it stops long before the checks of the whole cluster would end.
    const startWhole = performance.now();
    await checkRbacInSlices(many);
    const whole = performance.now() - startWhole;
    expect(
      stopped,
      `stopped after ${stopped.toFixed(1)} ms of ${whole.toFixed(0)} ms`,
    ).toBeLessThan(whole / 4);
    // Aborted before it starts: nothing runs.
    await expect(checkRbacInSlices(many, AbortSignal.abort())).rejects.toThrow();
  }, 60_000);
});

function large(): RbacFacts {
  return facts({
    roleBindings: Array.from({ length: 20_000 }, (_, i) =>
      rb(`team-${i % 500}`, `rb-${i}`, 'ClusterRole', i % 3 ? 'edit' : 'view', [
        user(`user-${i}@contoso.com`),
        group(`group-${i % 50}`),
      ]),
    ),
  });
}
