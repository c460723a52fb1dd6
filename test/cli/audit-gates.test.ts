import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInvocation } from '../../src/cli/args.js';
import { auditClock, openGates } from '../../src/cli/audit-gates.js';
import { UserError } from '../../src/model/errors.js';
import { tempDir } from '../helpers/temp-dir.js';

const audit = (argv: string[]) => {
  const parsed = parseInvocation(['audit', '--demo', ...argv], {}, '0.0.0', () => undefined);
  if (parsed.kind !== 'audit') throw new Error(parsed.kind);
  return parsed.audit;
};

const WAIVER =
  'waivers:\n  - finding: rbac.wildcard\n    reason: r\n    owner: o\n    expires: 2026-03-10\n';

describe('audit gate flags', () => {
  it('parse --waivers, --waiver-max-days, --baseline and --fail-on-new', () => {
    expect(
      audit([
        '--waivers',
        'w.yaml',
        '--waiver-max-days',
        '30',
        '--baseline',
        'last',
        '--fail-on-new',
      ]),
    ).toMatchObject({
      waivers: 'w.yaml',
      waiverMaxDays: 30,
      baseline: 'last',
      failOnNew: true,
    });
    expect(audit(['--output', 'sarif']).output).toBe('sarif');
    expect(audit(['--output', 'junit']).output).toBe('junit');
  });

  it.each([
    [
      ['--fail-on-new'],
      '--fail-on-new compares with a baseline: add --baseline FILE or --baseline last',
    ],
    [
      ['--waiver-max-days', '0'],
      '--waiver-max-days must be a whole number of days from 1 to 3650, not "0"',
    ],
    [
      ['--waiver-max-days', '1.5'],
      '--waiver-max-days must be a whole number of days from 1 to 3650, not "1.5"',
    ],
  ])('refuse %j in one line', (argv, says) => {
    expect(() => audit(argv)).toThrow(new UserError(says));
  });

  it('read .aks-runbook/waivers.yaml in the current folder when --waivers is not given', async () => {
    const cwd = tempDir('gates-cwd-');
    const now = { AKS_RUNBOOK_TEST_NOW: '2026-03-01' };
    const options = { steps: [], output: 'json' as const, failOn: 'high' as const };
    expect((await openGates(options, now, true, cwd)).waivers).toBeUndefined();
    mkdirSync(join(cwd, '.aks-runbook'));
    writeFileSync(join(cwd, '.aks-runbook', 'waivers.yaml'), WAIVER);
    const found = await openGates(options, now, true, cwd);
    expect(found.waivers?.file).toBe(join(cwd, '.aks-runbook', 'waivers.yaml'));
    expect(found.now.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    // The flag wins over the folder's file.
    writeFileSync(join(cwd, 'other.yaml'), 'waivers: []\n');
    const flagged = await openGates(
      { ...options, waivers: join(cwd, 'other.yaml') },
      now,
      true,
      cwd,
    );
    expect(flagged.waivers).toEqual({ file: join(cwd, 'other.yaml'), waivers: [] });
  });

  it('take the test clock only for the simulated cluster', () => {
    expect(auditClock({}, false).getTime()).toBeGreaterThan(Date.parse('2024-01-01'));
    expect(auditClock({ AKS_RUNBOOK_TEST_NOW: '2026-03-01T10:00:00Z' }, true).toISOString()).toBe(
      '2026-03-01T10:00:00.000Z',
    );
    expect(() => auditClock({ AKS_RUNBOOK_TEST_NOW: '2026-03-01' }, false)).toThrow(
      /for tests against the simulated cluster/,
    );
    expect(() => auditClock({ AKS_RUNBOOK_TEST_NOW: 'soon' }, true)).toThrow(
      /is not a date or time/,
    );
  });
});
