import { describe, expect, it } from 'vitest';
import type { DrainFacts } from '../../src/checks/drain/findings.js';
import type { DrainNode } from '../../src/model/drain.js';
import { planNode } from '../../src/checks/drain/plan.js';
import { DEFAULT_DRAIN_OPTIONS, type DrainPod } from '../../src/model/drain.js';
import type { InFlightChange } from '../../src/model/journal.js';
import { resumeReport } from '../../src/steps/drain/resume-report.js';

const node = (name: string, schedulable: boolean): DrainNode => ({
  name,
  pool: 'apps',
  ready: true,
  schedulable,
  conditions: [],
  rebootNeeded: false,
  kuredLock: false,
  podCount: 1,
});
const pod = (name: string, over: Partial<DrainPod> = {}): DrainPod => ({
  namespace: 'shop',
  name,
  uid: `uid-${name}`,
  phase: 'Running',
  labels: {},
  controller: { kind: 'ReplicaSet', name: 'rs' },
  mirror: false,
  emptyDir: false,
  terminating: false,
  ready: true,
  ...over,
});
const agent = pod('agent', { controller: { kind: 'DaemonSet', name: 'agent' } });

const facts: DrainFacts = {
  nodes: [node('left', false), node('done', false), node('open', true)],
  podsByNode: { left: [pod('db-0'), agent], done: [agent], open: [pod('web-1')] },
  world: { daemonSets: new Set(['shop/agent']), pdbs: [] },
  forbidden: [],
};
const previews = Object.fromEntries(
  facts.nodes.map((n) => [
    n.name,
    planNode(n.name, facts.podsByNode[n.name] ?? [], facts.world, DEFAULT_DRAIN_OPTIONS),
  ]),
);
const evict = (name: string, onNode: string, uid = `uid-${name}`): InFlightChange => ({
  step: 'drain',
  action: 'evict pod',
  target: `pod/shop/${name}`,
  time: '2025-06-01T10:00:00Z',
  detail: { node: onNode, uid },
});
const cordon = (name: string): InFlightChange => ({
  step: 'drain',
  action: 'cordon',
  target: `node/${name}`,
  time: '2025-06-01T10:00:00Z',
});

describe('reading an interrupted drain against the cluster now', () => {
  it('tells drained, pods-left, not-cordoned and missing nodes apart, and where each pod is', () => {
    const report = resumeReport(
      [
        evict('db-0', 'left'),
        evict('api-3', 'done'),
        cordon('open'),
        cordon('gone'),
        { ...evict('x', 'y'), step: 'upgrades' },
      ],
      facts,
      previews,
      true,
    );
    expect(report.nodes).toEqual([
      { node: 'left', verdict: 'pods-left', podsLeft: ['shop/db-0'] },
      { node: 'done', verdict: 'drained', podsLeft: [] },
      { node: 'open', verdict: 'not-cordoned', podsLeft: ['shop/web-1'] },
      { node: 'gone', verdict: 'missing', podsLeft: [] },
    ]);
    expect(report.pods).toEqual([
      { target: 'pod/shop/db-0', now: 'still there' },
      { target: 'pod/shop/api-3', now: 'gone' },
    ]);
    expect(report.toContinue).toEqual(['left']);
    expect(report.cordoned).toEqual(['left', 'done']);
    expect(report.lines.at(-1)).toBe('d continues draining left; u uncordons; both ask first.');
  });

  it('a pod recreated under the same name (new uid) counts as gone', () => {
    const report = resumeReport([evict('db-0', 'left', 'old-uid')], facts, previews, true);
    expect(report.pods).toEqual([{ target: 'pod/shop/db-0', now: 'gone' }]);
  });

  it("never offers to lift a cordon the interrupted drain found in place (someone else's)", () => {
    const plan: InFlightChange = {
      step: 'drain',
      action: 'drain nodes',
      target: 'nodes/left,done',
      time: '2025-06-01T10:00:00Z',
      detail: { nodes: ['left', 'done'], cordonedBefore: ['done'] },
    };
    const report = resumeReport([plan], facts, previews, true);
    expect(report.cordoned).toEqual(['left']);
    expect(report.toContinue).toEqual(['left']);
  });

  it('offers nothing when nothing may be changed', () => {
    const report = resumeReport([evict('db-0', 'left')], facts, previews, false);
    expect(report.toContinue).toEqual([]);
    expect(report.cordoned).toEqual([]);
    expect(report.lines.at(-1)).toMatch(/Nothing can be changed/);
  });
});
