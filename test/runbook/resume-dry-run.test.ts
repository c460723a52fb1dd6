// README "Journal": dry runs "are listed apart and never counted as changes"; Resume is for a
// session that ended with a change's intent and no result. A dry run left with no result (the
// session killed while it was on the wire) changed nothing: nothing to resume.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectResume } from '../../src/runbook/resume.js';
import { Journal } from '../../src/runbook/journal.js';
import { tempDir } from '../helpers/temp-dir.js';

const ARM = { subscriptionId: 'sub-1', resourceGroup: 'rg-one', name: 'aks-one' };

/** A --dry-run session killed while the server-side dry run of a cordon was on its way. */
function dryRunJournal(sessionDryRun: boolean): string {
  const lines = [
    {
      time: '2025-03-01T10:00:00.000Z',
      type: 'session',
      cluster: 'aks-one',
      mode: { readOnly: false, dryRun: sessionDryRun, demo: false },
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
      detail: { dryRun: sessionDryRun ? true : 'All' },
    },
  ];
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

describe('the next session after a session was killed mid dry run', () => {
  for (const [what, sessionDryRun] of [
    ['a --dry-run session', true],
    ['a dry run (dryRun: All) of a session that may change', false],
  ] as const) {
    it(`offers nothing to resume after ${what}: a dry run changed nothing`, async () => {
      const dir = tempDir('resume-dry-');
      writeFileSync(
        join(dir, '2025-03-01T10-00-00-000Z-aks-one-1.jsonl'),
        dryRunJournal(sessionDryRun),
      );
      const mode = { readOnly: false, dryRun: false, demo: false };
      const journal = await Journal.open({ cluster: 'aks-one', mode, env: {}, dir });
      const offer = await detectResume(journal, { cluster: 'aks-one', arm: ARM });
      await journal.close();
      expect(offer).toBeUndefined();
    });
  }
});
