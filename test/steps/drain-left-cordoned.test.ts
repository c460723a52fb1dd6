import { describe, expect, it } from 'vitest';
import { settledCordons } from '../../src/steps/drain/left-cordoned.js';
import type { DrainNode } from '../../src/model/drain.js';
import type { NodeProgress } from '../../src/steps/drain/state.js';

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
const ran = (name: string, maybeCordoned: boolean): NodeProgress => ({
  name,
  phase: maybeCordoned ? 'cordon-unknown' : 'drained',
  cordoned: !maybeCordoned,
  ...(maybeCordoned ? { maybeCordoned } : {}),
  pods: [],
  notes: [],
});
const progress = { nodes: [ran('n1', true), ran('n2', false)], finished: true };

describe('the uncordon offer after a look', () => {
  it('leaves out a maybe-cordoned node the look shows schedulable, keeps the cordoned ones', () => {
    const state = { progress, leftCordoned: ['n1', 'n2'] };
    expect(settledCordons(state, { nodes: [node('n1', true), node('n2', false)] })).toEqual(['n2']);
  });

  it('offers a maybe-cordoned node again once a later look shows it cordoned (a late cordon)', () => {
    const afterFirstLook = { progress, leftCordoned: ['n2'] };
    const nodes = [node('n1', false), node('n2', false)];
    expect(settledCordons(afterFirstLook, { nodes })).toEqual(['n2', 'n1']);
  });

  it('never offers a node that only someone else cordoned', () => {
    const state = { progress, leftCordoned: [] };
    expect(settledCordons(state, { nodes: [node('n3', false)] })).toEqual([]);
  });

  it('follows a node a cordon action left of unknown outcome the same way', () => {
    const state = { leftCordoned: [], maybeCordoned: ['n3'] };
    expect(settledCordons(state, { nodes: [node('n3', true)] })).toEqual([]);
    expect(settledCordons(state, { nodes: [node('n3', false)] })).toEqual(['n3']);
  });
});
