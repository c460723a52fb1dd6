// Time left and the stall countdown of a rotation, from hand-written polls: both come from
// observed facts only (completions, the poll that saw a node cordoned), never from the clock alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterTimeout,
  drainRulesOf,
  stallsOf,
  timeLeft,
  timing,
} from '../../src/steps/rotation/estimate.js';
import {
  finish,
  observe,
  startRotation,
  type NodeSnapshot,
  type Rotation,
} from '../../src/steps/rotation/state.js';

const MIN = 60_000;
const node = (name: string, image: string, extra: Partial<NodeSnapshot> = {}): NodeSnapshot => ({
  name,
  unschedulable: false,
  image,
  quarantined: false,
  ...extra,
});
const names = ['n1', 'n2', 'n3', 'n4'];
const start = (t = 0): Rotation =>
  startRotation(
    'apps',
    'node image',
    { image: 'new' },
    names.map((n) => node(n, 'old')),
    t,
  );
/** A poll where the first `done` nodes are on the new image. */
const poll = (r: Rotation, done: number, now: number) =>
  observe(
    r,
    names.map((n, i) => node(n, i < done ? 'new' : 'old')),
    now,
  );

describe('time left', () => {
  it('is unknown before the first node is done, however long it runs', () => {
    let r = start();
    for (const t of [1, 5, 30, 90]) {
      r = poll(r, 0, t * MIN);
      expect(timeLeft(r)).toBeUndefined();
      expect(timing(r)).toEqual({ elapsedMs: t * MIN });
    }
  });

  it('is the average per completed node times the nodes remaining', () => {
    let r = poll(start(), 1, 4 * MIN);
    expect(timeLeft(r)).toBe(3 * 4 * MIN);
    r = poll(r, 2, 10 * MIN);
    // 10 min for two nodes: 5 per node, two left.
    expect(timeLeft(r)).toBe(2 * 5 * MIN);
  });

  it('does not grow while no node completes (elapsed time alone changes nothing)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.integer({ min: 1, max: 600 }), { minLength: 1, maxLength: 10 }),
        (firstDoneMin, waits) => {
          let r = poll(start(), 1, firstDoneMin * MIN);
          const first = timeLeft(r)!;
          let t = firstDoneMin * MIN;
          for (const w of waits) {
            t += w * 1000;
            r = poll(r, 1, t);
            expect(timeLeft(r)).toBe(first);
          }
        },
      ),
    );
  });

  it('is not given once the operation ended', () => {
    const r = finish(poll(start(), 2, 10 * MIN), 'succeeded', 11 * MIN);
    expect(timeLeft(r)).toBeUndefined();
  });
});

describe('stall countdown', () => {
  const rules = drainRulesOf({ drainTimeoutInMinutes: 30 });
  const stuck = (extra: Partial<NodeSnapshot>) => [
    node('n1', 'old', {
      unschedulable: true,
      podsLeft: 1,
      waitingFor: ['payments/orders-db-0'],
      ...extra,
    }),
    ...names.slice(1).map((n) => node(n, 'old')),
  ];

  it('names the budget and counts down from the poll that saw the node cordoned', () => {
    let r: Rotation = { ...start(), drain: rules };
    r = observe(r, stuck({ blockedBy: ['payments/orders-db'] }), 2 * MIN);
    r = observe(r, stuck({ blockedBy: ['payments/orders-db'] }), 4 * MIN + 19_000);
    expect(stallsOf(r)).toEqual([
      {
        node: 'n1',
        budgets: ['payments/orders-db'],
        pods: ['payments/orders-db-0'],
        givesUpInMs: 30 * MIN - (2 * MIN + 19_000),
        then: afterTimeout(rules),
      },
    ]);
  });

  it('never starts before the operation did (a node cordoned earlier)', () => {
    let r: Rotation = { ...start(10 * MIN), drain: rules };
    r = observe(r, stuck({}), 10 * MIN);
    expect(stallsOf(r)[0]!.givesUpInMs).toBe(30 * MIN);
  });

  it('reaches zero and stays there once AKS timeout has passed', () => {
    let r: Rotation = { ...start(), drain: rules };
    r = observe(r, stuck({}), MIN);
    r = observe(r, stuck({}), 45 * MIN);
    expect(stallsOf(r)[0]).toMatchObject({ givesUpInMs: 0, budgets: [] });
  });

  it('needs the drain rules and a running operation', () => {
    let r = observe(start(), stuck({ blockedBy: ['a/b'] }), MIN);
    expect(stallsOf(r)).toEqual([]);
    r = finish({ ...r, drain: rules }, 'failed', 2 * MIN);
    expect(stallsOf(r)).toEqual([]);
  });
});

describe('a simulated AKS clock', () => {
  it('counts down to when the simulator gives up: its timeout runs out timeScale times sooner', () => {
    const rules = drainRulesOf({}, 10);
    expect(rules).toEqual({ drainTimeoutMinutes: 30, undrainable: 'Schedule', timeScale: 10 });
    let r: Rotation = { ...start(), drain: rules };
    const held = [
      node('n1', 'old', { unschedulable: true, podsLeft: 1, blockedBy: ['a/b'] }),
      ...names.slice(1).map((n) => node(n, 'old')),
    ];
    r = observe(r, held, MIN);
    r = observe(r, held, 2 * MIN);
    expect(stallsOf(r)[0]!.givesUpInMs).toBe(3 * MIN - MIN);
    expect(drainRulesOf({}, 1)).not.toHaveProperty('timeScale');
  });
});

describe('drain rules', () => {
  it('takes AKS defaults where the pool sets nothing', () => {
    expect(drainRulesOf(undefined)).toEqual({ drainTimeoutMinutes: 30, undrainable: 'Schedule' });
    expect(drainRulesOf({ drainTimeoutInMinutes: 5, undrainableNodeBehavior: 'Cordon' })).toEqual({
      drainTimeoutMinutes: 5,
      undrainable: 'Cordon',
    });
  });

  it('says what AKS does after the timeout, per behaviour', () => {
    expect(afterTimeout({ drainTimeoutMinutes: 30, undrainable: 'Cordon' })).toMatch(
      /cordoned and labelled Quarantined/,
    );
    expect(afterTimeout({ drainTimeoutMinutes: 30, undrainable: 'Schedule' })).toMatch(
      /schedulable again without upgrading it/,
    );
  });
});
