import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { appendWaiver } from '../../src/waivers/append-waiver.js';
import { parseWaivers } from '../../src/waivers/waiver-file.js';
import { RiskDesk } from '../../src/waivers/risk-desk.js';
import { tempDir } from '../helpers/temp-dir.js';

const now = new Date('2026-03-01T12:00:00Z');
const rules = { now, maxDays: 180 };
const privileged: Finding = {
  id: 'containers.privileged',
  severity: 'high',
  object: { kind: 'Deployment', namespace: 'monitoring', name: 'log-shipper' },
  message: 'runs privileged',
};
const answer = { reason: ' reads host logs ', owner: 'sre', expires: '2026-05-30' };

function desk(file: string, maxDays = 180): RiskDesk {
  return new RiskDesk(file, undefined, { maxDays, now: () => now }, { name: 'aks-one' });
}

describe('RiskDesk', () => {
  it('offers dates: 90 days ahead, or the maximum when nearer', () => {
    expect(desk('w.yaml').offer()).toEqual({
      file: 'w.yaml',
      maxDays: 180,
      suggested: '2026-05-30',
      latest: '2026-08-28',
    });
    expect(desk('w.yaml', 30).offer().suggested).toBe('2026-03-31');
  });

  it('turns an answer into a waiver for exactly this finding and cluster, or says what is wrong', () => {
    expect(desk('w.yaml').entry(privileged, answer)).toEqual({
      finding: 'containers.privileged',
      object: { kind: 'Deployment', namespace: 'monitoring', name: 'log-shipper' },
      cluster: 'aks-one',
      reason: 'reads host logs',
      owner: 'sre',
      expires: '2026-05-30',
    });
    expect(desk('w.yaml').entry(privileged, { ...answer, owner: ' ' })).toBe(
      'owner: must not be empty',
    );
    expect(desk('w.yaml').entry(privileged, { ...answer, expires: 'soon' })).toMatch(/^expires: /);
    expect(desk('w.yaml').entry(privileged, { ...answer, expires: '2026-02-28' })).toBe(
      'expires: 2026-02-28 is past',
    );
    expect(desk('w.yaml').entry(privileged, { ...answer, expires: '2026-08-29' })).toBe(
      'expires: at most 180 days ahead (2026-08-28 at the latest)',
    );
    expect(desk('w.yaml').entry({ ...privileged, id: 'containers.forbidden' }, answer)).toMatch(
      /^finding: /,
    );
  });

  it('appends to a new file, marks the finding, and keeps what the file had', async () => {
    const dir = tempDir('desk-');
    const file = join(dir, '.aks-runbook', 'waivers.yaml');
    const d = desk(file);
    expect(d.mark([privileged])[0]!.waiver).toBeUndefined();
    const entry = d.entry(privileged, answer);
    if (typeof entry === 'string') throw new Error(entry);
    await d.accept(entry);
    expect(d.mark([privileged])[0]!.waiver).toEqual({
      reason: 'reads host logs',
      owner: 'sre',
      expires: '2026-05-30',
    });
    expect(parseWaivers(readFileSync(file, 'utf8'), file, rules).waivers).toHaveLength(1);
    // A second one goes after it; comments stay; a flow list becomes a block list.
    writeFileSync(file, '# ours\nwaivers: [] # none yet\n');
    chmodSync(file, 0o640);
    await appendWaiver(file, entry, rules);
    await appendWaiver(file, { ...entry, finding: 'containers.root' }, rules);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('# ours\n')).toBe(true);
    expect(parseWaivers(text, file, rules).waivers.map((w) => w.finding)).toEqual([
      'containers.privileged',
      'containers.root',
    ]);
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it('leaves a broken file alone and says why', async () => {
    const file = join(tempDir('desk-'), 'w.yaml');
    writeFileSync(file, 'waivers:\n  - finding: nope\n');
    await expect(
      appendWaiver(
        file,
        { finding: 'rbac.wildcard', reason: 'r', owner: 'o', expires: '2026-04-01' },
        rules,
      ),
    ).rejects.toThrow(/^.*w\.yaml: entry 1 \(nope\): finding: /);
    expect(readFileSync(file, 'utf8')).toBe('waivers:\n  - finding: nope\n');
  });

  it('marks again from scratch: a finding no waiver accepts loses an old mark', () => {
    const marked = { ...privileged, waiver: { reason: 'x', owner: 'y', expires: '2026-04-01' } };
    expect(desk('w.yaml').mark([marked])[0]).toEqual(privileged);
  });
});
