import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/runbook/journal.js';
import { OutcomeUnknown, stampKind } from '../../src/model/errors.js';
import { digestSession } from '../../src/report/journal-digest.js';
import { timelineLines } from '../../src/report/transcript.js';
import { journalDir } from '../../src/runbook/journal-location.js';
import { tempDir } from '../helpers/temp-dir.js';

const mode = { readOnly: false, dryRun: false, demo: true };

function lines(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('journal', () => {
  it('lives under XDG_STATE_HOME, else ~/.local/state', () => {
    expect(journalDir({ XDG_STATE_HOME: '/s' })).toBe('/s/aks-runbook');
    expect(journalDir({ HOME: '/h' })).toBe('/h/.local/state/aks-runbook');
  });

  it('writes the intent to disk before the change runs, and the result after', async () => {
    const dir = tempDir('journal-');
    const journal = await Journal.open({ cluster: 'aks-demo', mode, env: {}, dir });
    let seenDuringAct: Array<Record<string, unknown>> = [];
    await journal.mutation({ step: 'drain', action: 'cordon', target: 'node/n1' }, () => {
      seenDuringAct = lines(journal.path);
      return Promise.resolve();
    });
    await expect(
      journal.mutation({ step: 'drain', action: 'evict', target: 'pod/default/web-1' }, () =>
        Promise.reject(new Error('Too Many Requests')),
      ),
    ).rejects.toThrow('Too Many Requests');
    await journal.close();

    expect(seenDuringAct.at(-1)).toMatchObject({
      type: 'intent',
      action: 'cordon',
      target: 'node/n1',
    });
    const all = lines(journal.path);
    expect(all.map((l) => [l['type'], l['id']].join(':'))).toEqual([
      'session:',
      'intent:1',
      'result:1',
      'intent:2',
      'result:2',
    ]);
    expect(all[2]).toMatchObject({ outcome: 'ok' });
    expect(all[4]).toMatchObject({ outcome: 'failed', error: 'Too Many Requests' });
    expect(statSync(journal.path).mode & 0o777).toBe(0o600);
  });

  it('settles a change whose answer was lost with a second result line; nothing for other errors', async () => {
    const dir = tempDir('journal-');
    const journal = await Journal.open({ cluster: 'aks-demo', mode, env: {}, dir });
    const lost = await journal
      .mutation({ step: 'drain', action: 'cordon', target: 'node/n1' }, () =>
        Promise.reject(new OutcomeUnknown('reset: it was sent')),
      )
      .catch((e: unknown) => e);
    const refused = await journal
      .mutation({ step: 'drain', action: 'cordon', target: 'node/n2' }, () =>
        Promise.reject(new Error('Forbidden')),
      )
      .catch((e: unknown) => e);
    expect(digestSession(await journal.read()).unsettled).toHaveLength(1);
    await journal.settled(lost, 'ok', 'node n1 is cordoned');
    await journal.settled(lost, 'failed', 'said once only');
    await journal.settled(refused, 'ok', 'never written');
    const contents = await journal.read();
    await journal.close();

    const results = lines(journal.path).filter((l) => l['type'] === 'result');
    expect(results.map((r) => [r['id'], r['outcome'], r['settled']])).toEqual([
      [1, 'unknown', undefined],
      [2, 'failed', undefined],
      [1, 'ok', 'node n1 is cordoned'],
    ]);
    const digest = digestSession(contents);
    expect(digest.unsettled).toEqual([]);
    expect(digest.changes[0]!.result).toMatchObject({ outcome: 'ok' });
    expect(timelineLines(contents.records).at(-1)).toMatch(
      /result +#1 ok \(answer lost; read again: node n1 is cordoned\)$/,
    );
  });

  it('keeps a timed-out write unknown when the read shows it not in effect: it may still land', async () => {
    const dir = tempDir('journal-');
    const journal = await Journal.open({ cluster: 'aks-demo', mode, env: {}, dir });
    const timedOut = stampKind(new OutcomeUnknown('no answer in 30 s: it was sent'), 'timeout');
    const lost = await journal
      .mutation({ step: 'drain', action: 'cordon', target: 'node/n1' }, () =>
        Promise.reject(timedOut),
      )
      .catch((e: unknown) => e);
    await journal.settled(lost, 'failed', 'node n1 is still schedulable');
    expect(digestSession(await journal.read()).unsettled).toHaveLength(1);
    await journal.settled(lost, 'ok', 'node n1 is cordoned');
    const digest = digestSession(await journal.read());
    await journal.close();
    expect(digest.unsettled).toEqual([]);
    expect(digest.changes[0]!.result).toMatchObject({ outcome: 'ok' });
  });

  it('never writes a bearer token, wherever it hides', async () => {
    const dir = tempDir('journal-');
    const token = 'sim-kube-QWxhZGRpbjpvcGVuIHNlc2FtZQ-secret';
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlc2lnbmF0dXJl';
    const journal = await Journal.open({ cluster: 'aks-demo', mode, env: {}, dir });
    journal.addSecret(token);
    await journal.note('connect', `connected with ${token}`, {
      token,
      headers: { Authorization: `Bearer ${jwt}` },
      echo: jwt,
    });
    await journal.confirmation({ cluster: 'aks-demo', change: `use ${token}` }, false);
    await journal.close();
    const text = readFileSync(journal.path, 'utf8');
    expect(text).not.toContain(token);
    expect(text).not.toContain(jwt);
    expect(text).toContain('[redacted]');
    expect(lines(journal.path)[2]).toMatchObject({
      type: 'confirmation',
      cluster: 'aks-demo',
      answer: 'no',
    });
  });

  it('closes once however often asked, and refuses a write after that in plain words', async () => {
    const journal = await Journal.open({
      cluster: 'aks-demo',
      mode,
      env: {},
      dir: tempDir('journal-'),
    });
    const note = journal.note('connect', 'last words');
    await Promise.all([journal.close(), journal.close()]);
    await note;
    await journal.close();
    await expect(journal.note('connect', 'too late')).rejects.toThrow(/journal .* is closed/);
    expect(lines(journal.path).map((l) => l['message'] ?? l['type'])).toEqual([
      'session',
      'last words',
    ]);
  });
});
