// A `--dry-run` session killed while a server-side dry run was on the wire changed nothing, yet
// the next session on the cluster says it "ended in the middle of a change" and offers the dry
// run for resume as a change in flight. README "Journal": dry runs "are listed apart and never
// counted as changes"; Resume is for a session that "ended with an intent and no result" of a
// change (a crash mid-change). src/report/journal-digest.ts:73 counts every intent with no
// result as unsettled, dry runs included.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectResume } from '../../src/runbook/resume.js';
import { Journal } from '../../src/runbook/journal.js';
import { tempDir } from '../helpers/temp-dir.js';

const ARM = { subscriptionId: 'sub-1', resourceGroup: 'rg-one', name: 'aks-one' };

/** A --dry-run session killed while the server-side dry run of a cordon was on its way. */
function dryRunJournal(): string {
  const lines = [
    {
      time: '2025-03-01T10:00:00.000Z',
      type: 'session',
      cluster: 'aks-one',
      mode: { readOnly: false, dryRun: true, demo: false },
      pid: 1,
    },
    {
      time: '2025-03-01T10:00:01.000Z',
      type: 'note',
      step: 'connect',
      message: 'connected',
      detail: { server: 'https://aks-one:443', arm: ARM },
    },
    {
      time: '2025-03-01T10:00:04.000Z',
      type: 'intent',
      id: 1,
      step: 'drain',
      action: 'cordon',
      target: 'node/aks-nodepool1-0',
      detail: { dryRun: true },
    },
  ];
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

describe('the next session after a --dry-run session was killed mid dry run', () => {
  it.fails('offers nothing to resume: a dry run changed nothing', async () => {
    const dir = tempDir('resume-dry-');
    writeFileSync(join(dir, '2025-03-01T10-00-00-000Z-aks-one-1.jsonl'), dryRunJournal());
    const mode = { readOnly: false, dryRun: false, demo: false };
    const journal = await Journal.open({ cluster: 'aks-one', mode, env: {}, dir });
    const offer = await detectResume(journal, { cluster: 'aks-one', arm: ARM });
    await journal.close();
    expect(offer).toBeUndefined();
  });
});
