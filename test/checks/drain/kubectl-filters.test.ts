import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drainFindings, type DrainFacts } from '../../../src/checks/drain/findings.js';
import { planNode, type DrainWorld } from '../../../src/checks/drain/plan.js';
import {
  DEFAULT_DRAIN_OPTIONS,
  type DrainOptions,
  type DrainPdb,
  type DrainPod,
} from '../../../src/model/drain.js';
import { toDrainPod } from '../../../src/steps/drain/facts.js';
import { appsNode, webBudget, webPod } from './spec-facts.js';

// Cases decided by kubectl drain's pod filters (kubectl pkg/drain/filters.go, in order: DaemonSet,
// mirror, local storage, controller; the first that keeps a pod decides; a warning lets the next
// filter run; finished pods pass the DaemonSet, local-storage and controller filters) and by the
// eviction subresource (budgets matched by selector in the pod's namespace: an absent selector
// selects nothing, `{}` everything; more than one refuses; the allowed disruptions are used up).

const pod = webPod;
const budget = webBudget;
const agent = { kind: 'DaemonSet', name: 'agent' };
const withAgent: DrainWorld = { daemonSets: new Set(['shop/agent']), pdbs: [] };
const noAgent: DrainWorld = { daemonSets: new Set(), pdbs: [] };
const opts = (over: Partial<DrainOptions> = {}): DrainOptions => ({
  ...DEFAULT_DRAIN_OPTIONS,
  ...over,
});
const verdictOf = (p: DrainPod, world: DrainWorld, options: DrainOptions) => {
  const plan = planNode('n1', [p], world, options);
  const v = [...plan.evict, ...plan.skip, ...plan.blocked][0]!;
  return v.kind === 'blocked' ? `blocked:${v.cause}` : v.kind;
};

describe("kubectl drain's filters", () => {
  const cases: Array<[string, DrainPod, DrainWorld, DrainOptions, string]> = [
    [
      'DaemonSet pod, DaemonSet there, ignored',
      pod('a', { controller: agent }),
      withAgent,
      opts(),
      'skip',
    ],
    [
      'DaemonSet pod without --ignore-daemonsets',
      pod('a', { controller: agent }),
      withAgent,
      opts({ ignoreDaemonSets: false }),
      'blocked:daemonset',
    ],
    [
      'DaemonSet gone, not forced: refused even with --ignore-daemonsets',
      pod('a', { controller: agent }),
      noAgent,
      opts(),
      'blocked:daemonset-missing',
    ],
    [
      'DaemonSet gone, forced: evicted',
      pod('a', { controller: agent }),
      noAgent,
      opts({ force: true }),
      'evict',
    ],
    [
      'DaemonSet gone, forced, but emptyDir without the flag: the next filter refuses',
      pod('a', { controller: agent, emptyDir: true }),
      noAgent,
      opts({ force: true }),
      'blocked:emptydir',
    ],
    [
      'a finished pod of a gone DaemonSet is evicted, blocking nothing',
      pod('a', { controller: agent, phase: 'Failed', ready: false }),
      noAgent,
      opts(),
      'evict',
    ],
    [
      'a mirror pod is left, before the local-storage and controller filters',
      pod('etcd', { mirror: true, controller: undefined, emptyDir: true }),
      noAgent,
      opts(),
      'skip',
    ],
    [
      'emptyDir without the flag',
      pod('a', { emptyDir: true }),
      noAgent,
      opts(),
      'blocked:emptydir',
    ],
    [
      'emptyDir with the flag',
      pod('a', { emptyDir: true }),
      noAgent,
      opts({ deleteEmptyDirData: true }),
      'evict',
    ],
    [
      'emptyDir with the flag and no controller: the controller filter still refuses',
      pod('a', { emptyDir: true, controller: undefined }),
      noAgent,
      opts({ deleteEmptyDirData: true }),
      'blocked:unreplicated',
    ],
    [
      'no controller, not forced',
      pod('a', { controller: undefined }),
      noAgent,
      opts(),
      'blocked:unreplicated',
    ],
    [
      'a terminating bare pod is not skipped by default (only --skip-wait-for-delete-timeout does)',
      pod('a', { controller: undefined, terminating: true }),
      noAgent,
      opts(),
      'blocked:unreplicated',
    ],
    [
      'a finished bare pod with emptyDir is evicted, blocking nothing',
      pod('a', { controller: undefined, emptyDir: true, phase: 'Succeeded', ready: false }),
      noAgent,
      opts(),
      'evict',
    ],
  ];
  it.each(cases)('%s', (_, p, world, options, expected) => {
    expect(verdictOf(p, world, options)).toBe(expected);
  });

  it('counts only an owner reference marked controller: true as a controller', () => {
    const wire = (controller?: boolean) =>
      toDrainPod({
        metadata: {
          name: 'p',
          namespace: 'shop',
          ownerReferences: [
            {
              kind: 'ReplicaSet',
              name: 'rs',
              uid: 'u',
              ...(controller === undefined ? {} : { controller }),
            },
          ],
        },
        spec: { containers: [] },
      });
    expect(wire(true).controller).toEqual({ kind: 'ReplicaSet', name: 'rs' });
    expect(wire(false).controller).toBeUndefined();
    expect(wire().controller).toBeUndefined();
  });
});

describe('budgets the eviction API matches', () => {
  const cases: Array<[string, DrainPdb[], string]> = [
    ['an absent selector selects no pod', [budget('a', { selector: undefined })], 'evict'],
    [
      'an empty selector selects every pod of its namespace',
      [budget('a', { selector: {} })],
      'blocked:pdb',
    ],
    [
      'a budget in another namespace does not apply',
      [budget('a', { namespace: 'other' })],
      'evict',
    ],
    [
      'an expression selector (In)',
      [
        budget('a', {
          selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] },
        }),
      ],
      'blocked:pdb',
    ],
    [
      'NotIn is satisfied by a missing key',
      [
        budget('a', {
          selector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] },
        }),
      ],
      'blocked:pdb',
    ],
    [
      'two budgets, one of them selecting nothing: one applies',
      [budget('a'), budget('b', { selector: undefined })],
      'blocked:pdb',
    ],
    [
      'two budgets selecting the pod: refused',
      [
        budget('a', { disruptionsAllowed: 5 }),
        budget('b', { selector: {}, disruptionsAllowed: 5 }),
      ],
      'blocked:several-pdbs',
    ],
  ];
  it.each(cases)('%s', (_, pdbs, expected) => {
    expect(verdictOf(pod('p'), { daemonSets: new Set(), pdbs }, opts())).toBe(expected);
  });

  it("uses up a budget's allowed disruptions across the node's pods; unready pods of a healthy budget go free", () => {
    const pdbs = [budget('web', { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2 })];
    const plan = planNode(
      'n1',
      [pod('a'), pod('b'), pod('c', { ready: false })],
      { daemonSets: new Set(), pdbs },
      opts(),
    );
    expect(plan.evict.map((v) => v.pod.name)).toEqual(['a', 'c']);
    expect(plan.blocked.map((v) => `${v.pod.name}:${v.cause}`)).toEqual(['b:pdb']);
    // A budget wait may clear by itself: the node still counts as drainable.
    expect(plan.drainable).toBe(true);
  });
});

describe('drain findings for what kubectl drain refuses', () => {
  const facts = (forbidden: string[]): DrainFacts => ({
    nodes: [appsNode('n1')],
    podsByNode: { n1: [pod('agent-x', { controller: agent })] },
    world: noAgent,
    forbidden,
  });

  it('reports a pod whose DaemonSet is gone: the default drain refuses it', () => {
    const found = drainFindings(facts([]));
    expect(found.map((f) => `${f.id} ${f.object?.name ?? ''}`)).toEqual([
      'drain.unreplicated-pod agent-x',
    ]);
    expect(found[0]!.message).toContain('DaemonSet agent, which is gone');
  });

  it('says nothing of orphans when the DaemonSet list was refused (every pod would look orphaned)', () => {
    expect(drainFindings(facts(['list daemonsets'])).map((f) => f.id)).toEqual(['drain.forbidden']);
  });
});

describe('the eviction API, as properties over random pods and budgets', () => {
  const labels = fc.dictionary(fc.constantFrom('app', 'tier'), fc.constantFrom('web', 'db'), {
    maxKeys: 2,
  });
  const selector = fc.option(
    fc.record({
      matchLabels: fc.dictionary(fc.constantFrom('app', 'tier'), fc.constantFrom('web', 'db'), {
        maxKeys: 2,
      }),
    }),
    { nil: undefined },
  );
  const pdbs = fc.array(
    fc.record({
      name: fc.constantFrom('a', 'b', 'c'),
      selector,
      disruptionsAllowed: fc.integer({ min: 0, max: 2 }),
      currentHealthy: fc.integer({ min: 0, max: 3 }),
      desiredHealthy: fc.integer({ min: 0, max: 3 }),
    }),
    { maxLength: 3 },
  );
  const pods = fc.record({
    labels,
    phase: fc.constantFrom('Running', 'Pending'),
    ready: fc.boolean(),
    terminating: fc.boolean(),
  });
  const matching = (p: { labels: Record<string, string> }, all: DrainPdb[]) =>
    all.filter(
      (b) =>
        b.selector !== undefined &&
        Object.entries(b.selector.matchLabels ?? {}).every(([k, v]) => p.labels[k] === v),
    );

  it('evicts a running, not terminating pod under two or more budgets never', () => {
    fc.assert(
      fc.property(pods, pdbs, (p, raw) => {
        const budgets = raw.map((b) => budget(b.name, b));
        const v = verdictOf(pod('p', p), { daemonSets: new Set(), pdbs: budgets }, opts());
        if (p.phase === 'Running' && !p.terminating && matching(p, budgets).length > 1)
          expect(v).toBe('blocked:several-pdbs');
      }),
    );
  });

  it('evicts a ready running pod whose only budget allows nothing never', () => {
    fc.assert(
      fc.property(pods, pdbs, (p, raw) => {
        const budgets = raw.map((b) => budget(b.name, b));
        const v = verdictOf(pod('p', p), { daemonSets: new Set(), pdbs: budgets }, opts());
        const mine = matching(p, budgets);
        if (
          p.phase === 'Running' &&
          !p.terminating &&
          p.ready &&
          mine.length === 1 &&
          mine[0]!.disruptionsAllowed === 0
        )
          expect(v).toBe('blocked:pdb');
        // And a Pending or terminating pod is never held by budgets (canIgnorePDB).
        if (p.phase === 'Pending' || p.terminating) expect(v).toBe('evict');
      }),
    );
  });
});
