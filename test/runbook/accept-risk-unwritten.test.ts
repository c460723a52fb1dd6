// A waiver the file system refuses says which file and why in words (here EISDIR), not the raw
// "EISDIR: illegal operation on a directory, open '…partial'" of the write.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptRisk } from '../../src/runbook/accept-risk.js';
import { Journal } from '../../src/runbook/journal.js';
import { SessionStore } from '../../src/runbook/session.js';
import type { StepHost } from '../../src/runbook/step-host.js';
import type { Finding } from '../../src/model/finding.js';
import { RiskDesk } from '../../src/waivers/risk-desk.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('accepting a risk the file system refuses', () => {
  it('says which file could not be written and why, in words', async () => {
    const dir = tempDir('risk-');
    const file = join(dir, 'waivers.yaml');
    writeFileSync(file, 'waivers: []\n');
    // Where the new file is written first: a folder there makes the write fail (even as root).
    mkdirSync(`${file}.${process.pid}.partial`);
    const mode = { readOnly: false, dryRun: false, demo: true };
    const journal = await Journal.open({ cluster: 'aks-demo', mode, env: {}, dir: tempDir('j-') });
    const store = new SessionStore(mode);
    const finding: Finding = {
      id: 'containers.root',
      severity: 'high',
      message: 'runs as root',
      remediation: 'set runAsNonRoot',
      object: { kind: 'Deployment', namespace: 'web', name: 'shop' },
    };
    store.update({ stepViews: { containers: { findings: [finding] } } });
    let shown: string[] = [];
    const host = {
      showResult: (_id: string, lines: string[]) => (shown = lines),
      remark: () => {},
    };
    const desk = new RiskDesk(
      file,
      undefined,
      { maxDays: 180, now: () => new Date('2026-03-01T00:00:00Z') },
      { name: 'aks-demo' },
    );
    const done = acceptRisk(
      { store, journal, host: host as unknown as StepHost, desk, cluster: 'aks-demo' },
      'containers',
      {
        finding: { id: finding.id, object: finding.object },
        answer: { reason: 'vendor image', owner: 'sre@contoso.com', expires: '2026-05-01' },
      },
    );
    await expect.poll(() => store.getState().confirmation).toBeDefined();
    store.answer(true);
    await done;
    await journal.close();
    expect(shown).toEqual([
      `✖ The waiver was not written: ${file} could not be written (it is a folder, EISDIR); check the path, its permissions and free disk space`,
    ]);
  });
});
