import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTranscript } from '../../src/report/transcript.js';
import { parseJournal } from '../../src/runbook/journal-read.js';
import { findInterruptedSession } from '../../src/runbook/journal-list.js';
import { detectResume } from '../../src/runbook/resume.js';
import { Journal } from '../../src/runbook/journal.js';
import { ARM } from './crashed-journal.js';
import { tempDir } from '../helpers/temp-dir.js';

// A session whose pool upgrade was sent but whose answer never came (or that was quit while the
// upgrade ran) journals outcome 'unknown'. The cluster may be mid-upgrade: the next session on it
// must say so, like an intent with no result, not treat it as a finished change.
function unknownUpgradeJournal(): string {
  const lines = [
    { time: '2025-03-01T10:00:00.000Z', type: 'session', cluster: 'aks-one', pid: 1 },
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
      step: 'upgrades',
      action: 'upgrade pool',
      target: 'agentPool/nodepool1',
    },
    {
      time: '2025-03-01T10:09:00.000Z',
      type: 'result',
      id: 1,
      outcome: 'unknown',
      error: 'no answer from Azure',
    },
  ];
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

describe('an earlier session left a change whose outcome is unknown', () => {
  it('is found for the next session on that cluster, marked as sent with its outcome unknown', async () => {
    const dir = tempDir('resume-unknown-');
    writeFileSync(join(dir, '2025-03-01T10-00-00-000Z-aks-one-1.jsonl'), unknownUpgradeJournal());
    const found = await findInterruptedSession(dir, { cluster: 'aks-one', arm: ARM });
    expect(found?.unsettled.map((c) => [c.intent.action, c.result?.outcome])).toEqual([
      ['upgrade pool', 'unknown'],
    ]);

    const mode = { readOnly: false, dryRun: false, demo: false };
    const journal = await Journal.open({ cluster: 'aks-one', mode, env: {}, dir });
    const offer = await detectResume(journal, { cluster: 'aks-one', arm: ARM });
    expect(offer?.intents).toEqual([
      {
        step: 'upgrades',
        action: 'upgrade pool',
        target: 'agentPool/nodepool1',
        time: '2025-03-01T10:00:04.000Z',
        outcomeUnknown: true,
      },
    ]);
    await journal.close();
  });

  it("is said at the top of the session's transcript", () => {
    const text = renderTranscript(parseJournal('/j/a.jsonl', unknownUpgradeJournal()));
    expect(text).toContain('**1 change was sent with outcome unknown**');
  });
});
