import { describe, expect, it } from 'vitest';
import {
  LATE_WRITE_MS,
  cordonSettlesAt,
  settledCordons,
} from '../../src/steps/drain/left-cordoned.js';
import type { DrainNode } from '../../src/model/drain.js';
import { OutcomeUnknown, stampKind } from '../../src/model/errors.js';

const node = (name: string, schedulable: boolean): DrainNode => ({
  name,
  pool: 'nodepool1',
  ready: true,
  schedulable,
  conditions: [],
  rebootNeeded: false,
  kuredLock: false,
  podCount: 0,
});
const T = 1_000_000;
type Followed = { leftCordoned: string[]; maybeCordoned: Record<string, number> };

describe('the uncordon offer after a look', () => {
  it('leaves out a maybe-cordoned node the look shows schedulable, keeps the cordoned ones', () => {
    const state = { leftCordoned: ['n1', 'n2'], maybeCordoned: { n1: T + 5_000 } };
    expect(settledCordons(state, { nodes: [node('n1', true), node('n2', false)] }, T)).toEqual({
      leftCordoned: ['n2'],
      maybeCordoned: { n1: T + 5_000 },
    });
  });

  it('offers a maybe-cordoned node again once a later look shows it cordoned (a late cordon)', () => {
    const afterFirstLook = { leftCordoned: ['n2'], maybeCordoned: { n1: T + 5_000 } };
    const nodes = [node('n1', false), node('n2', false)];
    expect(settledCordons(afterFirstLook, { nodes }, T + 1_000).leftCordoned).toEqual(['n2', 'n1']);
  });

  it('never offers a node that only someone else cordoned', () => {
    const state = { leftCordoned: [] };
    expect(settledCordons(state, { nodes: [node('n3', false)] }, T).leftCordoned).toEqual([]);
  });

  it('keeps the offer while every look since shows the node cordoned', () => {
    let state: Followed = { leftCordoned: [], maybeCordoned: { n3: T } };
    for (const at of [T, T + LATE_WRITE_MS, T + 10 * LATE_WRITE_MS]) {
      state = settledCordons(state, { nodes: [node('n3', false)] }, at);
      expect(state.leftCordoned).toEqual(['n3']);
    }
  });

  it('forgets a lost cordon once a look shows the node schedulable: a later cordon by someone else is not offered', () => {
    const lost = { leftCordoned: ['n3'], maybeCordoned: { n3: T } };
    const looked = settledCordons(lost, { nodes: [node('n3', true)] }, T + 1_000);
    expect(looked).toEqual({ leftCordoned: [], maybeCordoned: {} });
    // A colleague cordons it much later: not ours.
    const later = settledCordons(looked, { nodes: [node('n3', false)] }, T + 3_600_000);
    expect(later.leftCordoned).toEqual([]);
  });

  it('a cordon that may still land is followed through its late window, then forgotten', () => {
    const sentAt = T;
    const timedOut = stampKind(new OutcomeUnknown('no answer in time'), 'timeout');
    const settlesAt = cordonSettlesAt(timedOut, sentAt);
    expect(settlesAt).toBe(sentAt + LATE_WRITE_MS);
    let state: Followed = { leftCordoned: [], maybeCordoned: { n3: settlesAt } };
    // Schedulable soon after: the API server may still apply it. Kept, not offered.
    state = settledCordons(state, { nodes: [node('n3', true)] }, sentAt + 5_000);
    expect(state).toEqual({ leftCordoned: [], maybeCordoned: { n3: settlesAt } });
    // Schedulable once it could no longer land: forgotten.
    state = settledCordons(state, { nodes: [node('n3', true)] }, settlesAt);
    expect(state).toEqual({ leftCordoned: [], maybeCordoned: {} });
    state = settledCordons(state, { nodes: [node('n3', false)] }, settlesAt + 60_000);
    expect(state.leftCordoned).toEqual([]);
  });

  it('a lost answer (reset) settles at once', () => {
    const reset = stampKind(new OutcomeUnknown('reset'), 'unreachable');
    expect(cordonSettlesAt(reset, T)).toBe(T);
  });

  it('forgets a node that left the cluster', () => {
    const state = { leftCordoned: [], maybeCordoned: { gone: T + LATE_WRITE_MS } };
    expect(settledCordons(state, { nodes: [] }, T).maybeCordoned).toEqual({});
  });
});
