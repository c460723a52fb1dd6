import { describe, expect, it } from 'vitest';
import { defaultPlan, drainFindings, type DrainFacts } from '../../../src/checks/drain/findings.js';
import { planNode } from '../../../src/checks/drain/plan.js';
import { previewsOf } from '../../../src/steps/drain/changes.js';
import { kuredLockHolders, needsReboot } from '../../../src/checks/drain/nodes.js';
import { DEFAULT_DRAIN_OPTIONS, type DrainPod } from '../../../src/model/drain.js';
import { appsNode } from './spec-facts.js';

const node = appsNode;
const pod = (name: string, over: Partial<DrainPod> = {}): DrainPod => ({
  namespace: 'data',
  name,
  uid: name,
  phase: 'Running',
  labels: { app: 'ledger' },
  controller: { kind: 'StatefulSet', name: 'ledger' },
  mirror: false,
  emptyDir: false,
  terminating: false,
  ready: true,
  ...over,
});

describe('drain findings', () => {
  it('reports a blocking PDB once, cordoned and reboot-needing nodes, bare pods, refused reads', () => {
    const facts: DrainFacts = {
      nodes: [node('n1', { schedulable: false }), node('n2', { rebootNeeded: true })],
      podsByNode: {
        n1: [pod('ledger-0'), pod('tmp', { controller: undefined, labels: {} })],
        n2: [pod('ledger-1')],
      },
      world: {
        daemonSets: new Set(),
        pdbs: [
          {
            namespace: 'data',
            name: 'ledger',
            selector: { matchLabels: { app: 'ledger' } },
            disruptionsAllowed: 0,
            currentHealthy: 2,
            desiredHealthy: 2,
          },
        ],
      },
      forbidden: ['list daemonsets'],
    };
    const ids = drainFindings(facts).map((f) => `${f.id} ${f.object?.name ?? ''}`.trim());
    expect(ids).toEqual([
      'drain.forbidden',
      'drain.node-cordoned n1',
      'drain.pdb-blocks-eviction ledger',
      'drain.unreplicated-pod tmp',
      'drain.reboot-needed n2',
    ]);
  });
});

describe('kured', () => {
  it('reads single and multi-owner locks, and nothing from junk', () => {
    expect(kuredLockHolders('{"nodeID":"n1","metadata":{"unschedulable":false}}')).toEqual(['n1']);
    expect(kuredLockHolders('{"maxOwners":2,"locks":[{"nodeID":"a"},{"nodeID":"b"}]}')).toEqual([
      'a',
      'b',
    ]);
    expect(kuredLockHolders('{"nodeID":""}')).toEqual([]);
    expect(kuredLockHolders('not json')).toEqual([]);
    expect(kuredLockHolders(undefined)).toEqual([]);
  });

  it('sees the reboot annotations', () => {
    expect(needsReboot({ 'weave.works/kured-most-recent-reboot-needed': 'x' })).toBe(true);
    expect(needsReboot({ other: 'x' })).toBe(false);
    expect(needsReboot(undefined)).toBe(false);
  });
});

describe('the default plan of a node', () => {
  it('is planNode with the default options, made once per look and shared with the preview', () => {
    const facts: DrainFacts = {
      nodes: [node('n1'), node('n2')],
      podsByNode: { n1: [pod('ledger-0'), pod('tmp', { controller: undefined, labels: {} })] },
      world: { daemonSets: new Set(), pdbs: [] },
      forbidden: [],
    };
    const findings = drainFindings(facts);
    for (const { name } of facts.nodes) {
      const plan = defaultPlan(facts, name);
      expect(plan).toEqual(
        planNode(name, facts.podsByNode[name] ?? [], facts.world, DEFAULT_DRAIN_OPTIONS),
      );
      expect(defaultPlan(facts, name)).toBe(plan);
    }
    expect(previewsOf(facts, DEFAULT_DRAIN_OPTIONS)['n1']).toBe(defaultPlan(facts, 'n1'));
    const forced = { ...DEFAULT_DRAIN_OPTIONS, force: true };
    expect(previewsOf(facts, forced)['n1']).toEqual(
      planNode('n1', facts.podsByNode['n1']!, facts.world, forced),
    );
    // A new look (new facts) plans afresh; the findings are those of drainFindings alone.
    expect(defaultPlan({ ...facts }, 'n1')).not.toBe(defaultPlan(facts, 'n1'));
    expect(drainFindings(facts)).toEqual(findings);
  });
});
