import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTranscript } from '../../src/report/transcript.js';
import { findInterruptedSession, listJournalFiles } from '../../src/runbook/journal-list.js';
import { parseJournal } from '../../src/runbook/journal-read.js';
import { digestSession, sameCluster } from '../../src/report/journal-digest.js';
import { crashedJournal, ARM } from './crashed-journal.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('reading a journal back', () => {
  it('keeps every whole line and notes a torn last line without failing', () => {
    const read = parseJournal('/j/a.jsonl', crashedJournal());
    expect(read.tornTail).toBe(true);
    expect(read.skipped).toBe(0);
    expect(read.records.map((r) => r.type)).toEqual([
      'session',
      'note',
      'note',
      'confirmation',
      'intent',
      'result',
      'intent',
    ]);
  });

  it('finds the changes left in flight: an intent with no result', () => {
    const digest = digestSession(parseJournal('/j/a.jsonl', crashedJournal()));
    expect(digest.identity).toEqual({
      cluster: 'aks-one',
      server: 'https://aks-one:443',
      arm: ARM,
    });
    expect(digest.changes).toHaveLength(2);
    expect(digest.inFlight).toEqual([
      expect.objectContaining({ id: 2, step: 'drain', action: 'evict', target: 'pod/shop/web-1' }),
    ]);
  });

  it('a clean journal has nothing in flight', () => {
    const text = crashedJournal().split('\n').slice(0, 6).join('\n') + '\n';
    const read = parseJournal('/j/b.jsonl', text);
    expect(read.tornTail).toBe(false);
    expect(digestSession(read).inFlight).toEqual([]);
  });

  it('tells clusters apart by name and ARM coordinates, else by server', () => {
    const one = { cluster: 'aks-one', arm: ARM, server: 'https://a' };
    expect(sameCluster(one, { ...one, server: 'https://b' })).toBe(true);
    expect(sameCluster(one, { ...one, arm: { ...ARM, resourceGroup: 'other' } })).toBe(false);
    expect(
      sameCluster({ cluster: 'x', server: 'https://a' }, { cluster: 'x', server: 'https://a' }),
    ).toBe(true);
    expect(
      sameCluster({ cluster: 'x', server: 'https://a' }, { cluster: 'y', server: 'https://a' }),
    ).toBe(false);
  });

  it('offers the newest earlier session of the same cluster only when it left something in flight', async () => {
    const dir = tempDir('journals-');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '2025-03-01T10-00-00-000Z-aks-one-1.jsonl'), crashedJournal());
    writeFileSync(
      join(dir, '2025-03-01T09-00-00-000Z-aks-two-2.jsonl'),
      crashedJournal().replaceAll('aks-one', 'aks-two'),
    );
    expect(
      (await listJournalFiles(dir)).map((f) => f.slice(dir.length + 1, dir.length + 20)),
    ).toEqual(['2025-03-01T10-00-00', '2025-03-01T09-00-00']);
    const found = await findInterruptedSession(dir, { cluster: 'aks-one', arm: ARM });
    expect(found?.inFlight).toHaveLength(1);
    expect(await findInterruptedSession(dir, { cluster: 'aks-three', arm: ARM })).toBeUndefined();

    // A later clean session for aks-one: the operator has been back since, nothing to offer.
    const clean = crashedJournal().split('\n').slice(0, 3).join('\n') + '\n';
    writeFileSync(join(dir, '2025-03-01T11-00-00-000Z-aks-one-3.jsonl'), clean);
    expect(await findInterruptedSession(dir, { cluster: 'aks-one', arm: ARM })).toBeUndefined();
    expect(await listJournalFiles(join(dir, 'missing'))).toEqual([]);
  });
});

describe('the Markdown transcript', () => {
  it('tells the cluster, the findings, each confirmation, each change with its result and the change left in flight', () => {
    expect(renderTranscript(parseJournal('/j/a.jsonl', crashedJournal()))).toMatchInlineSnapshot(`
      "# aks-runbook session: aks-one

      - Journal: \`/j/a.jsonl\`
      - Cluster: **aks-one** (subscription \`sub-1\`, resource group \`rg-one\`)
      - API server: \`https://aks-one:443\`
      - Mode: changes allowed
      - From 2025-03-01T10:00:00.000Z to 2025-03-01T10:00:05.000Z (5.0 s)

      > **The session ended with 1 change under way and no result written.** Check the cluster's current state before anything else.

      ## What each step found

      ### drain: 1 finding
      - **high** \`drain.pdb-blocks\` on \`PodDisruptionBudget/shop/web\`: web allows 0 disruptions

      ## Confirmations

      | time | question | typed | answer |
      | --- | --- | --- | --- |
      | 2025-03-01T10:00:03.000Z | Drain node n1 \\| cordon, then evict 3 pods | n1 | yes |

      ## Changes

      | started | step | change | requests | result | took |
      | --- | --- | --- | --- | --- | --- |
      | 2025-03-01T10:00:04.000Z | drain | Drain node n1 \\| cordon, then evict 3 pods | 1 cordon, 1 evict | IN FLIGHT (1 with no result) |  |
      "
    `);
  });
});

describe('the transcript says what really happened', () => {
  const session = (mode: Record<string, boolean>) =>
    crashedJournal().replace(
      '"mode":{"readOnly":false,"dryRun":false,"demo":false}',
      JSON.stringify({ mode }).slice(1, -1),
    );

  it.each([
    [
      { readOnly: false, dryRun: false, demo: false, simulated: false },
      'changes allowed, real cluster',
    ],
    [
      { readOnly: false, dryRun: true, demo: false, simulated: true },
      'dry-run, simulated cluster (aks-runbook sim)',
    ],
    [
      { readOnly: true, dryRun: false, demo: true, simulated: true },
      'read-only, simulated cluster (--demo)',
    ],
  ])('mode %o reads "%s"', (mode, words) => {
    const text = renderTranscript(parseJournal('/j/a.jsonl', session(mode)));
    expect(text).toContain(`- Mode: ${words}\n`);
  });

  it('keeps the resume decision: what was found and what the operator chose', () => {
    const notes = [
      {
        type: 'note',
        step: 'connect',
        message: 'interrupted session found',
        detail: { journal: '/j/old.jsonl', intents: [{}, {}] },
      },
      {
        type: 'note',
        step: 'connect',
        message: 'interrupted session: operator chose open',
        detail: { journal: '/j/old.jsonl', step: 'drain' },
      },
    ].map((n) => JSON.stringify({ time: '2025-03-01T10:00:01.500Z', ...n }));
    const lines = crashedJournal().split('\n');
    lines.splice(2, 0, ...notes);
    const text = renderTranscript(parseJournal('/j/a.jsonl', lines.join('\n')));
    expect(text).toContain('## Resume');
    expect(text).toContain(
      '- 2025-03-01T10:00:01.500Z: an earlier session (`/j/old.jsonl`) ended with 2 changes in flight; resume offered',
    );
    expect(text).toContain('- 2025-03-01T10:00:01.500Z: decision: continue, on step drain');
  });
});
