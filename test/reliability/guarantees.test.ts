// The guarantees, counted by the simulator's request log over a walk of every step:
// --read-only sends no mutating request; --dry-run sends Kubernetes writes only as dryRun=All and
// no ARM write; and every mutating request follows a "yes" the journal recorded, and its intent.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoggedRequest } from '../../src/sim/request-log.js';
import { simTarget, type SimTarget } from './cli-harness.js';
import { EVERY_KEY, session, walkEveryStep } from './walk.js';

let target: SimTarget | undefined;
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  await target?.sim.close();
  target = stop = undefined;
});

const changing = (entries: LoggedRequest[]) => entries.filter((e) => e.effect !== 'read');

describe('guarantees over a walk of every step', () => {
  it('--read-only: every step opened, every key tried, not one mutating request', async () => {
    target = await simTarget({ scenario: 'demo' });
    const { store, running } = await session(target.file, { readOnly: true });
    stop = () => running.stop();
    const walked = await walkEveryStep(target.sim, store, running, {
      accept: true,
      keys: () => EVERY_KEY,
    });
    expect(walked.opened).toEqual([
      'defender',
      'api-access',
      'rbac',
      'imds',
      'containers',
      'upgrades',
      'drain',
      'node-image',
      'fleet',
    ]);
    // Nothing was even asked: read-only offers no change.
    expect(walked.asked).toEqual([]);
    // What stays offered only writes a local file (an export), never a request.
    for (const id of walked.opened) {
      const actions = store.getState().stepViews[id]?.actions ?? [];
      for (const a of actions.filter((x) => !x.unavailable)) {
        expect(a.label, id).toMatch(/nothing is sent/i);
      }
    }
    expect(changing(target.sim.log.entries)).toEqual([]);
  }, 240_000);

  it('--dry-run: Kubernetes writes only as dryRun=All, no ARM write at all', async () => {
    target = await simTarget({ scenario: 'demo' });
    const { store, running } = await session(target.file, { dryRun: true });
    stop = () => running.stop();
    const walked = await walkEveryStep(target.sim, store, running, {
      accept: true,
      keys: (offered) => offered,
    });
    expect(walked.asked.length).toBeGreaterThan(0);
    const entries = target.sim.log.entries;
    expect(entries.filter((e) => e.api === 'arm' && e.effect !== 'read')).toEqual([]);
    const kubeChanges = changing(entries).filter((e) => e.api === 'kube');
    expect(kubeChanges.length).toBeGreaterThan(0);
    for (const e of kubeChanges) {
      expect(e.effect, `${e.method} ${e.path}${e.query}`).toBe('dry-run');
      expect(new URLSearchParams(e.query).getAll('dryRun')).toContain('All');
    }
    expect(target.sim.log.writes()).toEqual([]);
  }, 240_000);

  it('every mutating request is preceded by a recorded "yes" and by its journaled intent', async () => {
    target = await simTarget({ scenario: 'demo' });
    const { store, running } = await session(target.file, {});
    stop = () => running.stop();
    const journalPath = store.getState().journalPath!;
    // Refuse the first confirmation, accept the rest: a "no" must be followed by nothing.
    let refusedAt = '';
    const walked = await walkEveryStep(target.sim, store, running, {
      accept: (request, index) => {
        if (index === 0) refusedAt = new Date().toISOString();
        return index > 0;
      },
      keys: (offered) => offered,
    });
    expect(walked.asked.length).toBeGreaterThan(1);
    // Every question named the cluster this session is connected to, and a change.
    const connection = store.getState().connection;
    const cluster = connection.phase === 'connected' ? connection.cluster.name : undefined;
    expect(cluster).toBeTruthy();
    for (const asked of walked.asked) {
      expect(asked.cluster, asked.change).toBe(cluster);
      expect(asked.change.trim(), asked.cluster).not.toBe('');
    }
    await running.stop();
    stop = undefined;
    const writes = target.sim.log.writes();
    expect(writes.length).toBeGreaterThan(0);
    const journal = readFileSync(journalPath, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(journal.find((l) => l['type'] === 'confirmation')).toMatchObject({
      answer: 'no',
      change: walked.asked[0]!.change,
    });
    expect(refusedAt).not.toBe('');
    const yes = journal.filter((l) => l['type'] === 'confirmation' && l['answer'] === 'yes');
    const intents = journal.filter((l) => l['type'] === 'intent');
    for (const w of writes) {
      const what = `${w.method} ${w.path}`;
      const intent = intents.filter((i) => i['time']! <= w.time).at(-1);
      expect(intent, `an intent before ${what}`).toBeDefined();
      const confirmed = yes.filter((c) => c['time']! <= intent!['time']!);
      expect(confirmed.length, `a confirmation before ${what}`).toBeGreaterThan(0);
    }
    // Every intent has its result: the journal is complete.
    const results = new Set(journal.filter((l) => l['type'] === 'result').map((l) => l['id']));
    for (const i of intents) expect(results.has(i['id']), JSON.stringify(i)).toBe(true);
  }, 300_000);
});
