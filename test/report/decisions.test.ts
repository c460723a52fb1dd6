import { describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../src/model/journal.js';
import { digestSession } from '../../src/report/journal-digest.js';
import { decisionOutcome, requestWords } from '../../src/report/decisions.js';

// Journals as the steps write them, by hand: what counts as one change.

let clock = 0;
const at = () => new Date(Date.UTC(2025, 2, 1, 10, 0, clock++)).toISOString();
let nextId = 1;
function request(
  step: string,
  action: string,
  target: string,
  detail?: Record<string, unknown>,
  outcome = 'ok',
): JournalRecord[] {
  const id = nextId++;
  return [
    { type: 'intent', time: at(), id, step, action, target, ...(detail ? { detail } : {}) },
    { type: 'result', time: at(), id, outcome },
  ];
}
const asked = (change: string, answer: 'yes' | 'no' = 'yes'): JournalRecord => ({
  type: 'confirmation',
  time: at(),
  cluster: 'aks-one',
  change,
  answer,
});
const session = (dryRun: boolean): JournalRecord => ({
  type: 'session',
  time: at(),
  cluster: 'aks-one',
  mode: { readOnly: false, dryRun, demo: false },
});
const digest = (records: JournalRecord[]) =>
  digestSession({ path: '/j/a.jsonl', records, tornTail: false, skipped: 0 });

describe('one change per operator decision, dry runs apart', () => {
  it('a drain of one node with 30 evictions is one change; its evictions are inside it', () => {
    const records = [
      session(false),
      asked('Drain node n1'),
      ...request('drain', 'cordon', 'node/n1', { dryRun: false }),
      ...Array.from({ length: 30 }, (_, i) =>
        request('drain', 'evict', `pod/shop/web-${i}`, { dryRun: false }),
      ).flat(),
    ];
    const d = digest(records);
    expect(d.changes).toHaveLength(31);
    expect(d.decisions).toHaveLength(1);
    expect(d.decisions[0]).toMatchObject({ step: 'drain', dryRun: false });
    expect(requestWords(d.decisions[0]!)).toBe('1 cordon, 30 evict');
    expect(decisionOutcome(d.decisions[0]!)).toBe('ok');
  });

  it('a yes whose change was not started (a look failed while asking) leads to no later request', () => {
    const records: JournalRecord[] = [
      session(false),
      asked('Drain node n1'),
      { type: 'note', time: at(), step: 'drain', message: 'not started: drain' },
      ...request('rbac', 'export', 'file/rbac.yaml'),
    ];
    const d = digest(records);
    expect(d.decisions).toHaveLength(1);
    expect(d.decisions[0]!.asked).toBeUndefined();
  });

  it('the server-side dry runs before a question are a rehearsal of their own, not the change', () => {
    const records = [
      session(false),
      ...request('rbac', 'create clusterrolebinding', 'crb/g', { dryRun: 'All' }),
      ...request('rbac', 'remove user', 'crb/u', { dryRun: 'All' }),
      asked('Replace user alice by group g'),
      ...request('rbac', 'create clusterrolebinding', 'crb/g'),
      ...request('rbac', 'remove user', 'crb/u', undefined, 'failed'),
      asked('Drain node n2', 'no'),
    ];
    const d = digest(records);
    expect(d.decisions.map((x) => [x.step, x.dryRun, x.requests.length, x.asked?.change])).toEqual([
      ['rbac', true, 2, undefined],
      ['rbac', false, 2, 'Replace user alice by group g'],
    ]);
    expect(decisionOutcome(d.decisions[1]!)).toBe('failed (1 of 2)');
  });

  it('in a dry-run session every decision is a dry run, ARM ones shown and not sent included', () => {
    const records: JournalRecord[] = [
      session(true),
      asked('(dry run) Drain node n1'),
      ...request('drain', 'cordon', 'node/n1'),
      ...request('drain', 'evict', 'pod/shop/web-1'),
      {
        type: 'note',
        time: at(),
        step: 'defender',
        message: 'dry run: the PUT that enables Defender shown, not sent',
      },
    ];
    const d = digest(records);
    expect(d.decisions.map((x) => [x.step, x.dryRun, x.requests.length])).toEqual([
      ['drain', true, 2],
      ['defender', true, 0],
    ]);
    expect(decisionOutcome(d.decisions[1]!)).toBe('shown, not sent');
    expect(d.decisions.filter((x) => !x.dryRun)).toEqual([]);
  });
});

describe('a Kubernetes dry run ended by its preflight counts once per yes, in every step', () => {
  const accepted = (step: string, what: string): JournalRecord => ({
    type: 'note',
    time: at(),
    step,
    message: `dry run: ${what} accepted by the API server`,
    detail: { wire: 'kube' },
  });

  it('a preflight that journals nothing (imds) is one dry run, its question answered yes', () => {
    const d = digest([
      session(true),
      asked('(dry run) Create restrict-instance-metadata in shop'),
      accepted('imds', 'restrict-instance-metadata policies'),
    ]);
    expect(d.decisions.map((x) => [x.step, x.dryRun, x.asked?.change])).toEqual([
      ['imds', true, '(dry run) Create restrict-instance-metadata in shop'],
    ]);
    expect(decisionOutcome(d.decisions[0]!)).toBe('accepted by the API server');
  });

  it("a preflight that journals its requests (rbac) is the same one dry run, the yes's", () => {
    const d = digest([
      session(true),
      ...request('rbac', 'dry-run create clusterrolebinding', 'crb/g', { dryRun: 'All' }),
      ...request('rbac', 'dry-run remove user', 'crb/u', { dryRun: 'All' }),
      asked('(dry run) Replace user alice by group g'),
      accepted('rbac', 'replacement of alice'),
      asked('(dry run) Drain node n1'),
      ...request('drain', 'cordon', 'node/n1'),
    ]);
    expect(d.decisions.map((x) => [x.step, x.dryRun, x.requests.length, x.asked?.change])).toEqual([
      ['rbac', true, 2, '(dry run) Replace user alice by group g'],
      ['drain', true, 1, '(dry run) Drain node n1'],
    ]);
  });

  it('an ARM dry run is still shown, not sent', () => {
    const d = digest([
      session(true),
      asked('(dry run) Enable Defender'),
      {
        type: 'note',
        time: at(),
        step: 'defender',
        message: 'dry run: the PUT that enables Defender shown, not sent',
      },
    ]);
    expect(d.decisions).toHaveLength(1);
    expect(decisionOutcome(d.decisions[0]!)).toBe('shown, not sent');
  });
});
